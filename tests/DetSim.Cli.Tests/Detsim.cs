using System.Diagnostics;

namespace DetSim.Cli.Tests;

/// <summary>Runs the built detsim as a separate process (a real user's view: exit code, stdout, stderr).</summary>
internal static class Detsim
{
    public sealed record Result(int Code, string Out, string Err)
    {
        public string TraceHash => Out.Split('\n').First(l => l.StartsWith("trace hash: ", StringComparison.Ordinal))["trace hash: ".Length..].Trim();
    }

    public static string Repo { get; } = FindRepo();

    public static Result Run(params string[] args) => RunIn(Repo, args);

    /// <summary>Runs detsim in <paramref name="directory"/> (for commands that write next to where they run).</summary>
    public static Result RunIn(string directory, params string[] args)
    {
        // DETSIM_UNDER_TEST points the tests at another build (say, main's) to see them fail there first.
        string dll = Environment.GetEnvironmentVariable("DETSIM_UNDER_TEST") ?? Path.Combine(AppContext.BaseDirectory, "detsim.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
        };
        psi.Environment["CI"] = "true"; // plain output
        using Process p = Process.Start(psi)!;
        Task<string> o = p.StandardOutput.ReadToEndAsync(), e = p.StandardError.ReadToEndAsync();
        // No timeout: how busy the machine is never decides a verdict (a hung test shows in the runner's hang dump).
        p.WaitForExit();
        return new Result(p.ExitCode, o.Result, e.Result);
    }

    private static string FindRepo()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DetSim.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("DetSim.sln not found");
    }
}
