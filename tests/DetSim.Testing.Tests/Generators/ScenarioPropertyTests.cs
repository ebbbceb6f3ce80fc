using System.Text.RegularExpressions;
using DetSim.Checking;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Sql;
using DetSim.Specs;
using DetSim.Testing.Generators;
using FsCheck;
using FsCheck.Fluent;
using Xunit.Abstractions;

namespace DetSim.Testing.Tests.Generators;

/// <summary>
/// Properties over generated scenarios: the known-good configurations hold over 1,000 generated
/// scenarios each, the known-bad ones are found, shrunk, and printed as a spec that reproduces.
/// </summary>
public class ScenarioPropertyTests(ITestOutputHelper output)
{
    private static IReadOnlyList<Violation> Check(ReplicationCase c, params IInvariant[] invariants)
    {
        RunReport r = ScenarioRunner.Run(c.ToScenario(), c.Seed, MySqlDialect.Instance);
        return invariants.SelectMany(i => i.Check(r)).ToList();
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void After_sync_semisync_loses_nothing_and_shows_no_phantom_over_1000_scenarios()
    {
        Prop.ForAll(ScenarioGen.Arbitrary(ScenarioGen.CrashAndFailover(ReplicationMode.AfterSync, lossless: true)),
                c => Check(c, InvariantCatalog.NoLostAckedWrite, InvariantCatalog.NoPhantomRead).Count == 0)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Gtid_failover_converges_over_1000_scenarios()
    {
        Prop.ForAll(ScenarioGen.Arbitrary(ScenarioGen.CrashAndFailover(ReplicationMode.Async, lossless: true)),
                c => Check(c, InvariantCatalog.Converged, InvariantCatalog.ReplicationRunning).Count == 0)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Theory]
    [InlineData(ReplicationMode.Async, "no_lost_acked_write")]
    [InlineData(ReplicationMode.AfterCommit, "no_phantom_read")]
    public void A_known_bad_configuration_is_found_shrunk_with_the_same_invariant_and_printed_as_a_spec_that_reproduces(ReplicationMode mode, string invariant)
    {
        IInvariant check = InvariantCatalog.ByName(invariant)!;
        // Several invariants are checked; shrinking must keep the one that failed first.
        var property = new ScenarioGen.SameInvariant(c => Check(c, check, InvariantCatalog.NoLostAckedWrite, InvariantCatalog.Converged));
        ReplicationCase? first = null, last = null;
        var failure = Assert.ThrowsAny<Exception>(() =>
            Prop.ForAll(ScenarioGen.Arbitrary(ScenarioGen.CrashAndFailover(mode)), c =>
                {
                    bool holds = property.Holds(c);
                    if (!holds) { first ??= c; last = c; }
                    return holds;
                })
                .Check(Config.QuickThrowOnFailure.WithMaxTest(200)));
        Assert.NotNull(first);
        ReplicationCase shrunk = last!;
        output.WriteLine($"{mode}: original {first!.Size}; shrunk {shrunk.Size}; invariant {property.Pinned}");
        string report = ScenarioGen.Report(failure.Message, shrunk, property.Pinned!);
        output.WriteLine(report);
        Assert.Matches(@"FsCheck replay \(\d+,\d+\): Config.QuickThrowOnFailure.WithReplay", report);
        Assert.Contains("seed_start: " + shrunk.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), report);
        Assert.True(shrunk.Sessions <= first.Sessions && shrunk.DurationMs <= first.DurationMs && shrunk.Replicas <= first.Replicas);

        // The shrunk case fails with the same invariant as the original ...
        Assert.Contains(Check(shrunk, check, InvariantCatalog.NoLostAckedWrite, InvariantCatalog.Converged), v => v.Invariant == property.Pinned);
        Assert.Contains(Check(first, check, InvariantCatalog.NoLostAckedWrite, InvariantCatalog.Converged), v => v.Invariant == property.Pinned);
        // ... and, printed as a spec, reproduces it with its seed.
        string yaml = shrunk.ToSpec(property.Pinned!);
        SpecParseResult spec = SpecLoader.Parse(yaml, "counterexample.yaml");
        Assert.True(spec.Ok, string.Join("\n", spec.Errors) + "\n" + yaml);
        SeedOutcome again = SpecJudge.RunSeed(spec.Spec!, shrunk.Seed);
        Assert.Contains(again.Violations, v => v.Invariant == property.Pinned);
    }

    [Fact]
    public void Seeds_use_all_64_bits_and_scenarios_vary_what_the_old_generator_fixed()
    {
        var cases = ScenarioGen.CrashAndFailover(ReplicationMode.AfterSync).Sample(500);
        Assert.Equal(500, cases.Length);
        Assert.True(cases.Select(c => c.Seed).Distinct().Count() >= 495, "seeds repeat");
        Assert.Contains(cases, c => c.Seed > (1UL << 62));
        Assert.Equal(3, cases.Select(c => c.Format).Distinct().Count());
        Assert.Equal(2, cases.Select(c => c.Topology).Distinct().Count());
        Assert.Equal(2, cases.Select(c => c.CrashMode).Distinct().Count());
        Assert.Equal(2, cases.Select(c => c.Promote).Distinct().Count());
        Assert.True(cases.Select(c => c.AckCount).Distinct().Count() >= 2);
    }
}
