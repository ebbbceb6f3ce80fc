using DetSim.Cli.Campaign;
using DetSim.Cli.Commands;
using DetSim.Specs;

namespace DetSim.Cli.Tests;

/// <summary>Ctrl-C during a check: the spec it cut off is INTERRUPTED (no verdict), the specs never started are "not run", in the table and in both files.</summary>
[Collection("console")]
public class InterruptTests
{
    private static Spec Spec(string name) => SpecFiles.LoadOne(Path.Combine(Detsim.Repo, "specs", name)) with { File = $"specs/{name}" };

    [Fact]
    public void The_interrupted_spec_and_the_specs_never_started_are_shown_as_such()
    {
        using var dir = new TempDir();
        string junit = dir.File("junit.xml"), results = dir.File("results.json");
        Spec[] specs = [Spec("02-async-failover-loses-acked-writes.yaml"), Spec("12-row-format-converges.yaml"), Spec("13-mixed-format-converges.yaml")];
        using var cancel = new CancellationTokenSource();
        var runner = new CheckRunner(1, Shard.All);
        // Ctrl-C arrives while the holds-spec runs: after its fifth seed.
        runner.SeedsDone += (spec, done, _) => { if (spec.Name == "row-format-converges" && done == 5) cancel.Cancel(); };
        var text = new StringWriter();
        TextWriter old = Console.Out;
        Console.SetOut(text);
        int code;
        try { code = CheckCommand.Check(specs, runner, 50, null, junit, results, interactive: false, cancel.Token); }
        finally { Console.SetOut(old); }
        string output = text.ToString();

        Assert.Equal(ExitCodes.ExpectationFailed, code);
        Assert.Matches(@"async-failover-loses-acked-writes +violated +met", output);
        Assert.Matches(@"row-format-converges +holds +INTERRUPTED +5 ", output);
        Assert.Matches(@"mixed-format-converges +holds +not run", output);
        Assert.DoesNotContain("FAIL", output);
        Assert.Contains("interrupted: 1 spec(s) cut off, 1 not run", output);

        var r = ResultsFile.Read(results);
        Assert.Equal(3, r.Count);
        Assert.True(r[1].Interrupted);
        Assert.Null(r[1].FirstFailingSeed);
        Assert.True(r[2].NotRun);
        string xml = File.ReadAllText(junit);
        Assert.Contains("<error type=\"interrupted\" message=\"interrupted after 5 of 50 seeds: no verdict\"", xml);
        Assert.Contains("<skipped message=\"not run: the check was interrupted before this spec started\"", xml);
        Assert.Empty(JUnitSchema.Problems(junit));
    }
}
