namespace DetSim.Specs.Tests;

/// <summary>
/// Scenarios the soak drew that exposed DetSim bugs, kept as specs (each names its seed): they
/// must now finish with every invariant held. See docs/soak.md for the bug each one found.
/// </summary>
public class SoakRegressionTests
{
    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(Path.Combine(CorpusTests.RepoRoot(), "tests", "DetSim.Specs.Tests", "SoakRegressions"), "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void A_scenario_that_found_a_DetSim_bug_now_holds(string file)
    {
        string path = Path.Combine(CorpusTests.RepoRoot(), "tests", "DetSim.Specs.Tests", "SoakRegressions", file);
        SpecParseResult parsed = SpecLoader.Load(path);
        Assert.True(parsed.Ok, string.Join("\n", parsed.Errors));
        SeedOutcome o = SpecJudge.RunSeed(parsed.Spec!, parsed.Spec!.SeedStart);
        Assert.True(o.ModelError is null, o.ModelError);
        Assert.Equal(SeedKind.Finished, o.Kind);
        Assert.True(!o.Violated, string.Join("\n", o.Violations));
    }
}
