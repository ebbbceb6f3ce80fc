using DetSim.Specs;

namespace DetSim.Testing.Tests.Golden;

/// <summary>
/// Committed traces of a few specs at fixed seeds. Any change that alters what the simulation does
/// for the same seed shows up here as a diff (the new trace lands in *.received.txt next to the
/// *.verified.txt, Verify's naming).
/// </summary>
public class GoldenTraceTests
{
    [Theory]
    [InlineData("09-errant-gtid-promoted-anyway", 1)]
    [InlineData("11-statement-format-nondeterministic-diverges", 1)]
    [InlineData("14-chain-without-log-replica-updates", 3)]
    public void The_trace_of_a_spec_and_seed_does_not_change(string spec, ulong seed)
    {
        string repo = Repo();
        SpecParseResult r = SpecLoader.Load(Path.Combine(repo, "specs", spec + ".yaml"));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        SeedOutcome o = SpecJudge.RunSeed(r.Spec! with { File = $"specs/{spec}.yaml" }, seed, captureTrace: true);
        string text = $"spec {spec} seed {seed}\ntrace hash {o.TraceHash}\n{string.Join("\n", o.Violations)}\n\n{o.Report!.TraceText}";
        GoldenFile.Verify($"{spec}.seed{seed}", text);
    }

    private static string Repo()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DetSim.sln"))) dir = Path.GetDirectoryName(dir);
        return dir!;
    }
}
