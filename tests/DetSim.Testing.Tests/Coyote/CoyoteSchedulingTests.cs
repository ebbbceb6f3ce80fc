using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using DetSim.Specs;
using DetSim.Testing.Coyote;
using Xunit.Abstractions;

namespace DetSim.Testing.Tests.Coyote;

/// <summary>Coyote's scheduler makes DetSim's scheduling decisions; DetSim records and replays them.</summary>
public class CoyoteSchedulingTests(ITestOutputHelper output)
{
    private const string ParallelApplier = "specs/search/03-parallel-applier-without-commit-order-light-load.yaml";

    [Fact]
    public void Strategies_produce_different_schedules_for_the_same_spec_and_data_seed()
    {
        Spec spec = SearchSpecs.Load(ParallelApplier);
        var hashes = new Dictionary<CoyoteStrategy, IReadOnlyList<ulong>>();
        foreach (CoyoteStrategy s in new[] { CoyoteStrategy.Random, CoyoteStrategy.Prioritization, CoyoteStrategy.DelayBounding })
        {
            // The data seed is fixed, so only Coyote's scheduling decisions can make the runs differ.
            ExploreResult r = CoyoteExplorer.Explore(c => SearchSpecs.RunOf(spec)(c) with { Failure = null }, new ExploreOptions(s, Iterations: 2, EngineSeed: 7, DataSeed: 42));
            output.WriteLine($"{s}: {r.SchedulingDecisions} decisions, schedules {string.Join(", ", r.ScheduleHashes.Select(h => h.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)))}");
            Assert.True(r.SchedulingDecisions > 100, $"{s} made only {r.SchedulingDecisions} scheduling decisions");
            hashes[s] = r.ScheduleHashes;
        }
        Assert.Equal(3, hashes.Values.Select(h => h[0]).Distinct().Count());
        // Within one strategy the second iteration explores another schedule too.
        Assert.All(hashes.Values, h => Assert.NotEqual(h[0], h[1]));
    }

    [Fact]
    public void The_same_engine_seed_gives_the_same_schedules()
    {
        Spec spec = SearchSpecs.Load(ParallelApplier);
        var options = new ExploreOptions(CoyoteStrategy.Prioritization, Iterations: 2, EngineSeed: 11, DataSeed: 5);
        ExploreResult a = CoyoteExplorer.Explore(c => SearchSpecs.RunOf(spec)(c) with { Failure = null }, options);
        ExploreResult b = CoyoteExplorer.Explore(c => SearchSpecs.RunOf(spec)(c) with { Failure = null }, options);
        Assert.Equal(a.ScheduleHashes, b.ScheduleHashes);
    }

    /// <summary>
    /// The bound comes from `detsim bench coyote` (docs/coyote.md): PCT's median is a few iterations
    /// on this spec, where the seeded runner is decisive on 29 of 1000 seeds (median 28 seeds).
    /// </summary>
    [Fact]
    public void Pct_finds_the_parallel_applier_bug_within_its_measured_bound_and_DetSim_replays_it_without_Coyote()
    {
        Spec spec = SearchSpecs.Load(ParallelApplier);
        ExploreResult r = CoyoteExplorer.Explore(SearchSpecs.RunOf(spec), new ExploreOptions(CoyoteStrategy.Prioritization, Iterations: 40, EngineSeed: 1_000_003));
        output.WriteLine($"PCT: iteration {r.FirstFailureIteration}, {r.Decisions?.Count} decisions: {r.Failure}");
        Assert.True(r.Found, "PCT did not find the parallel-applier bug within 40 iterations");
        Assert.StartsWith("commit_order_reads violated", r.Failure);

        var file = new DecisionFile
        {
            DetSimVersion = "test",
            Spec = ParallelApplier,
            SpecHash = DecisionFile.HashOf(File.ReadAllText(Path.Combine(SearchSpecs.Repo, ParallelApplier))),
            DataSeed = r.DataSeed!.Value,
            WindowMicros = r.Window.Micros,
            Failure = r.Failure,
            TraceHash = r.TraceHash,
            Decisions = r.Decisions!.Select(d => d.ToString()).ToList(),
        };
        ReplayOutcome again = DecisionReplay.Run(SearchSpecs.RunOf(spec), file);
        Assert.Null(again.Divergence);
        Assert.Equal(r.Failure, again.Verdict.Failure);
        Assert.Equal(r.Decisions!.Count, again.DecisionsReplayed);

        // One decision changed: the replay names it and its step instead of running another schedule.
        var tampered = file.Decisions.ToList();
        int k = tampered.Count / 2;
        Decision d = Decision.Parse(tampered[k]);
        tampered[k] = new Decision(d.Step, "T999", d.Enabled).ToString();
        ReplayOutcome diverged = DecisionReplay.Run(SearchSpecs.RunOf(spec), file with { Decisions = tampered });
        Assert.NotNull(diverged.Divergence);
        Assert.Contains($"decision #{k + 1}: recorded lane T999", diverged.Divergence);
        Assert.Contains($"before step {d.Step}", diverged.Divergence);
    }

    [Fact]
    public void Lossless_semisync_raises_no_false_alarm_under_any_strategy()
    {
        Spec spec = SearchSpecs.Load("specs/04-semisync-after-sync-holds.yaml");
        foreach (CoyoteStrategy s in Enum.GetValues<CoyoteStrategy>())
        {
            ExploreResult r = CoyoteExplorer.Explore(c =>
            {
                SeedOutcome o = SpecJudge.RunSeed(spec, ((CoyoteChoiceSource)c).DataSeed, choices: c);
                return new RunVerdict(o.ModelError ?? (o.Kind != SeedKind.Finished ? $"run cut short: {o.RunProblem}" : o.Violations.FirstOrDefault()?.ToString()), o.TraceHash);
            }, new ExploreOptions(s, Iterations: 1, EngineSeed: 3));
            output.WriteLine($"{s}: {r.SchedulingDecisions} decisions, {(r.Found ? r.Failure : "held")}");
            Assert.False(r.Found, $"{s}: {r.Failure}");
            Assert.True(r.SchedulingDecisions > 0);
        }
    }

    [Fact]
    public void Forks_are_independent_streams()
    {
        var picker = new ReplayingPicker([], Duration.Zero);
        var source = new CoyoteChoiceSource(99, picker);
        IChoiceSource a = source.Fork("node/s1"), b = source.Fork("node/r1"), a2 = source.Fork("node/s1");
        Assert.NotSame(source, a);
        ulong first = a.NextUInt64();
        Assert.Equal(first, a2.NextUInt64());
        Assert.NotEqual(first, b.NextUInt64());
        // Extra draws in one component do not shift another: the same fork as a seeded run's.
        for (int i = 0; i < 10; i++) b.NextUInt64();
        Assert.Equal(new SimRandom(99).Fork("node/s1").NextUInt64(2), source.Fork("node/s1").NextUInt64(2));
        Assert.IsAssignableFrom<IEventPicker>(source.Fork("scheduler"));
        Assert.IsNotAssignableFrom<IEventPicker>(source.Fork("network"));
    }

    [Fact]
    public void An_unknown_strategy_lists_the_allowed_ones()
    {
        Assert.Null(CoyoteStrategies.Parse("bfs"));
        Assert.Equal("random, probabilistic, pct, fair-pct, delay-bounding, q-learning", CoyoteStrategies.Allowed);
        Assert.Equal(CoyoteStrategy.Prioritization, CoyoteStrategies.Parse("PCT"));
    }

    [Fact]
    public void A_decision_file_from_another_spec_or_version_is_refused()
    {
        string dir = Path.Combine(Path.GetTempPath(), "detsim-decisions-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, "bug.json");
        new DecisionFile { DetSimVersion = "0.1.0", Spec = "a.yaml", SpecHash = DecisionFile.HashOf("name: a\n"), DataSeed = 1 }.Write(path);
        Assert.Equal(1UL, DecisionFile.Read(path, "name: a\r\n", "0.1.0").DataSeed);
        var other = Assert.Throws<FormatException>(() => DecisionFile.Read(path, "name: b\n", "0.1.0"));
        Assert.Contains("recorded for spec a.yaml", other.Message);
        var version = Assert.Throws<FormatException>(() => DecisionFile.Read(path, "name: a\n", "0.2.0"));
        Assert.Contains("recorded by DetSim 0.1.0, this is DetSim 0.2.0", version.Message);
    }
}
