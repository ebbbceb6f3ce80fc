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
        Prop.ForAll(ScenarioGen.Arbitrary(ScenarioGen.CrashAndFailover(ReplicationMode.AfterSync)),
                c => Check(c, InvariantCatalog.NoLostAckedWrite, InvariantCatalog.NoPhantomRead).Count == 0)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Gtid_failover_converges_over_1000_scenarios()
    {
        Prop.ForAll(ScenarioGen.Arbitrary(ScenarioGen.CrashAndFailover(ReplicationMode.Async)),
                c => Check(c, InvariantCatalog.Converged, InvariantCatalog.ReplicationRunning).Count == 0)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(1000));
    }

    [Theory]
    [InlineData(ReplicationMode.Async, "no_lost_acked_write")]
    [InlineData(ReplicationMode.AfterCommit, "no_phantom_read")]
    public void A_known_bad_configuration_is_found_shrunk_and_printed_as_a_spec_that_reproduces(ReplicationMode mode, string invariant)
    {
        IInvariant check = InvariantCatalog.ByName(invariant)!;
        var failure = Assert.ThrowsAny<Exception>(() =>
            Prop.ForAll(ScenarioGen.Arbitrary(ScenarioGen.CrashAndFailover(mode)), c => Check(c, check).Count == 0)
                .Check(Config.QuickThrowOnFailure.WithMaxTest(200)));
        (ReplicationCase original, ReplicationCase shrunk) = Parse(failure.Message, mode);
        output.WriteLine($"{mode}: original {original.Size}; shrunk {shrunk.Size}");
        Assert.True(shrunk.Sessions <= original.Sessions && shrunk.DurationMs <= original.DurationMs && shrunk.Replicas <= original.Replicas);

        // The shrunk counterexample, printed as a spec, reproduces with its seed.
        string yaml = shrunk.ToSpec(invariant);
        SpecParseResult spec = SpecLoader.Parse(yaml, "counterexample.yaml");
        Assert.True(spec.Ok, string.Join("\n", spec.Errors) + "\n" + yaml);
        SeedOutcome again = SpecJudge.RunSeed(spec.Spec!, shrunk.Seed);
        Assert.Contains(again.Violations, v => v.Invariant == invariant);
    }

    private static (ReplicationCase Original, ReplicationCase Shrunk) Parse(string message, ReplicationMode mode)
    {
        ReplicationCase Read(string label)
        {
            Match m = Regex.Match(message, label + @":\s*seed=(\d+) replicas=(\d+) mode=\w+ gtid=True format=Row sessions=(\d+) duration=(\d+)ms replica_latency=(\d+)ms crash=(\w+) failover=(\w+)");
            Assert.True(m.Success, $"no {label} case in: {message}");
            int? crash = m.Groups[6].Value == "none" ? null : int.Parse(m.Groups[6].Value, System.Globalization.CultureInfo.InvariantCulture);
            return new ReplicationCase(ulong.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), mode, true,
                DetSim.Replication.Server.BinlogFormat.Row, int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(m.Groups[4].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(m.Groups[5].Value, System.Globalization.CultureInfo.InvariantCulture), crash, m.Groups[7].Value == "True");
        }
        return (Read("Original"), Read("Shrunk"));
    }
}
