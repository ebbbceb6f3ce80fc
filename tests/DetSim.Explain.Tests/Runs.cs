using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using DetSim.Cli;
using DetSim.Cli.Explanation;
using DetSim.Specs;

namespace DetSim.Explain.Tests;

/// <summary>The bundled specs' seeds, each run once with its trace and shared by the tests that read it.</summary>
internal static class Runs
{
    private static readonly ConcurrentDictionary<(string, ulong), RunStory> Stories = new();

    public static string Repo { get; } = FindRepo();

    public static Spec Spec(string file) => SpecFiles.LoadOne(Path.Combine(Repo, "specs", file)) with { File = $"specs/{file}" };

    public static RunStory Story(string file, ulong seed = 1) => Stories.GetOrAdd((file, seed), k => RunStory.Run(Spec(k.Item1), k.Item2));

    public static string Text(RunStory story) => Narrative.ToText(Narrative.Build(story));

    /// <summary>The raw trace lines (as `replay --trace` prints them) matching <paramref name="pattern"/>.</summary>
    public static IReadOnlyList<string> TraceLinesMatching(RunStory story, string pattern) =>
        story.Report!.TraceText!.Split('\n').Where(l => Regex.IsMatch(l, pattern)).ToArray();

    /// <summary>The time of a raw trace line, as the narrative prints it ("400.000 ms").</summary>
    public static string TimeOf(string traceLine) => MySqlText.Ms(MicrosOf(traceLine));

    public static long MicrosOf(string traceLine) =>
        long.Parse(traceLine.Substring(8, 16).Trim().TrimEnd('s').Replace(".", ""), CultureInfo.InvariantCulture);

    /// <summary>A fresh temp directory for one test.</summary>
    public static string TempDir(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), "detsim-explain-tests", name + "-" + Environment.ProcessId);
        if (Directory.Exists(dir)) Directory.Delete(dir, true);
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string FindRepo()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DetSim.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("DetSim.sln not found");
    }
}
