using DetSim.Core;
using DetSim.Core.Time;
using DetSim.Replication.Failover;
using DetSim.Replication.Scenarios;
using DetSim.Specs;

namespace DetSim.Specs.Tests;

/// <summary>How SpecJudge turns runs into verdicts: model errors and cut-short runs are outcomes of their own, never evidence.</summary>
public class JudgeTests
{
    /// <summary>Test-only failover tool whose model assertion fails: stands for any Invariant.That in a handler.</summary>
    private sealed class BrokenModel : IFailoverProcedure
    {
        public void Run(ClusterControl cluster) => Invariant.That(cluster.Now < SimTime.Zero, "test: a model assertion that fails");
    }

    private static Spec Load(string name) => SpecLoader.Load(Path.Combine(CorpusTests.RepoRoot(), "specs", name)).Spec!;

    [Fact]
    public void A_failed_model_assertion_is_a_model_error_not_a_violation()
    {
        Spec spec = Load("02-async-failover-loses-acked-writes.yaml");
        SeedOutcome o = SpecJudge.RunSeed(spec, 7, failover: new BrokenModel());
        Assert.Equal(SeedKind.ModelError, o.Kind);
        Assert.Empty(o.Violations); // never counted as a MySQL finding
        Assert.StartsWith("DetSim bug: a model assertion failed", o.ModelError);
        Assert.Contains("test: a model assertion that fails", o.ModelError);
        Assert.True(SpecJudge.IsDecisive(spec, o));
        SpecVerdict v = SpecJudge.Verdict(spec, 1, o);
        Assert.Equal(VerdictKind.ModelError, v.Kind);
        Assert.False(v.Met); // never an expectation met
        Assert.Equal(SpecJudge.ReplayCommand(spec.File, 7), v.ReplayCommand);
        Assert.EndsWith("02-async-failover-loses-acked-writes.yaml --seed 7", v.ReplayCommand);
    }

    [Fact]
    public void Judge_stops_at_the_model_error_for_holds_and_violated_specs()
    {
        foreach (string name in new[] { "02-async-failover-loses-acked-writes.yaml", "04-semisync-after-sync-holds.yaml" })
        {
            SpecVerdict v = SpecJudge.Judge(Load(name), seeds: 3, failover: new BrokenModel());
            Assert.Equal(VerdictKind.ModelError, v.Kind);
            Assert.Equal(1, v.SeedsRun);
        }
    }

    [Fact]
    public void A_step_budget_livelock_never_meets_a_violated_spec()
    {
        // Before: the write in flight when 100 steps ran out was "availability violated", and the spec was met.
        Spec spec = Load("01-single-server-outage.yaml");
        spec = spec with { Scenario = spec.Scenario with { StepBudget = 100 } };
        SeedOutcome o = SpecJudge.RunSeed(spec, 1);
        Assert.Equal(SeedKind.Livelock, o.Kind);
        Assert.Contains("step budget", o.RunProblem);
        Assert.False(SpecJudge.IsDecisive(spec, o));
        SpecVerdict v = SpecJudge.Judge(spec, seeds: 3);
        Assert.False(v.Met);
        Assert.Equal(3, v.Tally.CutShort);
        Assert.Equal(1UL, v.Tally.FirstCutShortSeed);
        Assert.Contains("cut short", v.Summary);
        Assert.Contains("--seed 1", v.Summary);
    }

    [Fact]
    public void A_run_that_reaches_its_time_limit_is_not_judged_held()
    {
        Spec spec = Load("12-row-format-converges.yaml");
        spec = spec with { Scenario = spec.Scenario with { TimeLimit = SimTime.FromMillis(500) } };
        SpecVerdict v = SpecJudge.Judge(spec, seeds: 2);
        Assert.Equal(VerdictKind.Failed, v.Kind);
        Assert.Equal(1UL, v.FirstFailingSeed);
        Assert.StartsWith("timelimit: run cut short: time limit", v.Summary);
    }

    [Fact]
    public void A_holds_spec_with_inconclusive_seeds_says_so()
    {
        // The final source stays down (crash, no failover, no restart): nothing can be judged.
        Spec spec = Load("04-semisync-after-sync-holds.yaml");
        var faults = spec.Scenario.Faults;
        int failover = faults.Faults.ToList().FindIndex(f => f.Fault is FailoverFault);
        spec = spec with { Scenario = spec.Scenario with { Faults = faults.Without(failover) } };
        SpecVerdict v = SpecJudge.Judge(spec, seeds: 2);
        Assert.True(v.Met);
        Assert.Equal(2, v.Tally.Inconclusive);
        Assert.Contains("held on 0 of 2 seeds; 2 seed(s) inconclusive, first seed 1", v.Summary);
        Assert.Contains("is down", v.Summary);
    }
}
