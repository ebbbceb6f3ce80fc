using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Server;

/// <summary>
/// DetSim's own crash point `detsim_after_commit_ok` with `after:` and a crash mode: the source goes
/// on past the N-th commit's OK and loses power a few microseconds later, while that transaction's
/// events may still be on their way to an async replica. A kill at the point (DBUG_SUICIDE) leaves
/// the sockets' bytes to the kernel, so the replica gets every acknowledged write.
/// </summary>
public class AfterCommitOkCrashTests
{
    private static RunReport Run(ulong seed, CrashMode mode, Duration after) =>
        ScenarioRunner.Run(new Scenario
        {
            Servers =
            [
                new ServerDefinition("s1", new ServerOptions { GtidMode = true, ServerId = 1 }),
                new ServerDefinition("r1", new ServerOptions { GtidMode = true, ServerId = 2 }, "s1"),
            ],
            Network = LinkOptions.Default with { Latency = Latency.Exponential(Duration.FromMicros(30), Duration.FromMicros(50)) },
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)")],
            Clients = [new ClientOptions { Name = "w", Sessions = 4, Duration = Duration.FromMillis(300), Think = Duration.Zero, RequestTimeout = Duration.FromMillis(100), Transactions = [new TransactionTemplate(1, ["INSERT INTO t (id, v) VALUES ({n}, 1)"])] }],
            Faults = new FaultPlan().At(SimTime.Zero, new CrashAtFault("s1", CrashPointCatalog.AfterCommitOk, Nth: 50, Mode: mode, After: after)),
            TimeLimit = SimTime.FromSeconds(5),
        }, seed, MySqlDialect.Instance);

    /// <summary>Acknowledged writes the replica never applied: what a failover to it would lose.</summary>
    private static int LostOnReplica(RunReport report)
    {
        var onReplica = report.Server("r1")!.Tables!["t"].Select(r => r[0].Integer).ToHashSet();
        return report.History.Count(o => !o.IsRead && o.Acknowledged && o.Changes.Any(c => !onReplica.Contains(c.Key)));
    }

    [Fact]
    public void A_power_loss_just_after_the_50th_ok_loses_acknowledged_writes_on_some_seeds_and_a_kill_there_never_does()
    {
        int seedsLosing = 0;
        for (ulong seed = 1; seed <= 20; seed++)
        {
            RunReport power = Run(seed, CrashMode.DropUnsynced, Duration.FromMicros(40));
            Assert.Empty(power.CrashPointsNotFired);
            Assert.True(power.History.Count(o => !o.IsRead && o.Acknowledged) >= 49, "the 49 commits before the point were acknowledged (the 50th OK is on the wire when the power goes)");
            if (LostOnReplica(power) > 0) seedsLosing++;

            RunReport kill = Run(seed, CrashMode.ProcessCrash, Duration.Zero);
            Assert.Empty(kill.CrashPointsNotFired);
            Assert.Equal(0, LostOnReplica(kill));
        }
        Assert.True(seedsLosing > 0, "no seed of 20 lost an acknowledged write to the power loss 40 us after the 50th OK");
    }
}
