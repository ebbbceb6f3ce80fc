namespace DetSim.Specs.Tests;

/// <summary>
/// Spec 32 and its counterfactual: promoting by Seconds_Behind_Source picks r2 (0 lag, received
/// less) and loses semi-sync-acknowledged writes; promoting the most advanced GTID set picks r1
/// (seconds of lag, received everything) and loses nothing once it drains its relay log.
/// </summary>
public class LeastLagSpecTests
{
    private static readonly string Yaml = File.ReadAllText(Path.Combine(CorpusTests.RepoRoot(), "specs", "32-failover-by-least-lag-loses-acked-writes.yaml"));

    private static Spec Load(string yaml) => SpecLoader.Parse(yaml, "32.yaml") is { Ok: true } r ? r.Spec! : throw new InvalidOperationException("spec 32 does not load");

    [Fact]
    public void Least_lag_promotes_the_caught_up_replica_that_received_less_and_loses_acked_writes()
    {
        SeedOutcome o = SpecJudge.RunSeed(Load(Yaml), 1);
        Assert.Equal("r2", Assert.Single(o.Report!.Failovers).NewSource);
        Assert.Contains(o.Checks, c => c.Invariant == "no_lost_acked_write" && c.Violations.Count > 0);
    }

    [Fact]
    public void Most_advanced_promotes_the_lagging_replica_that_received_everything_and_loses_nothing()
    {
        Spec spec = Load(Yaml.Replace("promote: least_lag", "promote: most_advanced", StringComparison.Ordinal));
        for (ulong seed = 1; seed <= 20; seed++)
        {
            SeedOutcome o = SpecJudge.RunSeed(spec, seed);
            Assert.Equal("r1", Assert.Single(o.Report!.Failovers).NewSource);
            Assert.Contains(o.Checks, c => c.Invariant == "no_lost_acked_write" && c.Violations.Count == 0 && !c.IsInconclusive);
        }
    }
}
