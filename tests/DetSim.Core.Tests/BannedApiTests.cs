using System.Diagnostics;

namespace DetSim.Core.Tests;

/// <summary>
/// Proves the determinism ban is enforced: a simulation project that calls the wall clock,
/// System.Random, Stopwatch, Task.Delay, Thread.Sleep, Guid.NewGuid or string.GetHashCode does not
/// build, and the same project without those calls does.
/// </summary>
[Trait("Category", "Slow")]
public class BannedApiTests
{
    private const string Banned = """
        namespace BanTest;
        public static class Uses
        {
            public static long Now() => System.DateTime.Now.Ticks;
            public static int Dice() => new System.Random().Next();
            public static long Watch() => System.Diagnostics.Stopwatch.GetTimestamp();
            public static void Wait() => System.Threading.Thread.Sleep(1);
            public static object Later() => System.Threading.Tasks.Task.Delay(1);
            public static System.Guid Id() => System.Guid.NewGuid();
            public static int Hash(string s) => s.GetHashCode();
        }
        """;

    private const string Clean = """
        namespace BanTest;
        public static class Uses
        {
            public static long Twice(long x) => x * 2;
        }
        """;

    [Fact]
    public void A_banned_call_in_simulation_code_fails_the_build()
    {
        (int code, string output) = Build(Banned);
        Assert.NotEqual(0, code);
        foreach (string symbol in new[] { "DateTime.Now", "Random", "Stopwatch", "Thread.Sleep", "Task.Delay", "Guid.NewGuid()", "string.GetHashCode()" })
            Assert.Contains($"The symbol '{symbol}", output.Replace("'System.", "'", StringComparison.Ordinal));
        Assert.Contains("RS0030", output);
    }

    [Fact]
    public void The_same_project_without_banned_calls_builds()
    {
        (int code, string output) = Build(Clean);
        Assert.True(code == 0, output);
    }

    private static (int Code, string Output) Build(string source)
    {
        string repo = RepoRoot();
        string dir = Path.Combine(repo, "obj-bantest", source == Clean ? "clean" : "banned");
        Directory.CreateDirectory(dir);
        // Inside the repository, so Directory.Build.props and Directory.Packages.props apply as to any simulation project.
        File.WriteAllText(Path.Combine(dir, "BanTest.csproj"), """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><DetSimSimulationCode>true</DetSimSimulationCode></PropertyGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Uses.cs"), source);
        var psi = new ProcessStartInfo("dotnet", ["build", dir, "-nologo", "-v:q", "-clp:NoSummary"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process p = Process.Start(psi)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync(), stderr = p.StandardError.ReadToEndAsync();
        // A hang guard only, far above any plausible build (under a minute here): a busy machine must
        // never turn a slow build into a failure.
        if (!p.WaitForExit(TimeSpan.FromMinutes(30)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("dotnet build of the ban test project hung: no exit after 30 minutes");
        }
        return (p.ExitCode, stdout.Result + stderr.Result);
    }

    internal static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DetSim.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("DetSim.sln not found above " + AppContext.BaseDirectory);
    }
}
