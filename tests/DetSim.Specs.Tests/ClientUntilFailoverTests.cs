namespace DetSim.Specs.Tests;

/// <summary>
/// <c>until: failover</c> (the bug-hunt specs' load, as a kill-promote-check loop runs it): a session
/// sends nothing new once a failover has sent clients to the new source; <c>until: end</c> keeps
/// sending there until the duration ends.
/// </summary>
public class ClientUntilFailoverTests
{
    private static readonly string Yaml = File.ReadAllText(Path.Combine(CorpusTests.RepoRoot(), "specs", "bench", "bug-hunt-async.yaml"));

    private static Spec Load(string yaml) => SpecLoader.Parse(yaml, "bug-hunt-async.yaml") is { Ok: true } r ? r.Spec! : throw new InvalidOperationException("the spec does not load");

    [Fact]
    public void Until_failover_sends_nothing_after_the_failover_and_until_end_goes_on()
    {
        Assert.Contains("until: failover", Yaml, StringComparison.Ordinal);
        SeedOutcome stopping = SpecJudge.RunSeed(Load(Yaml), 1);
        SeedOutcome going = SpecJudge.RunSeed(Load(Yaml.Replace("until: failover", "until: end", StringComparison.Ordinal)), 1);

        var at = Assert.Single(stopping.Report!.Failovers).At;
        Assert.Contains(stopping.Report.History, o => o.Invoked < at);
        Assert.DoesNotContain(stopping.Report.History, o => o.Invoked > at);

        var later = Assert.Single(going.Report!.Failovers).At;
        Assert.Contains(going.Report.History, o => o.Invoked > later && o.Server == "r1" && o.Outcome == Harness.History.OpOutcome.Ok);
    }

    [Fact]
    public void An_unknown_until_names_what_is_allowed()
    {
        SpecParseResult r = SpecLoader.Parse(Yaml.Replace("until: failover", "until: crash", StringComparison.Ordinal), "bug-hunt-async.yaml");
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.ToString().Contains("until", StringComparison.Ordinal) && e.ToString().Contains("failover", StringComparison.Ordinal));
    }
}
