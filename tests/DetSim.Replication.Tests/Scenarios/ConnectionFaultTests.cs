using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Time;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Scenarios;

/// <summary>Replication runs over connections: partitions delay it, crashes break it the way each kind of crash does.</summary>
public class ConnectionFaultTests
{
    private static void AssertReplicasMatchSource(RunReport report, ulong seed)
    {
        ServerSnapshot source = report.Server("s1")!;
        foreach (ServerSnapshot r in report.Servers.Where(s => s.Name != "s1"))
        {
            Assert.True(r.Replica!.Healthy, $"seed {seed}: {r.Name} stopped: {r.Replica}");
            Assert.Equal(ReplicaThreadState.Running, r.Replica.IoState);
            Assert.True(source.GtidExecuted == r.GtidExecuted, $"seed {seed}: {r.Name} has [{r.GtidExecuted}], s1 has [{source.GtidExecuted}]");
            Assert.Equal(Rows(source), Rows(r));
        }
    }

    private static string Rows(ServerSnapshot s) =>
        string.Join(";", s.Tables!["t"].Select(row => string.Join(",", row.Select(v => v.ToString()))));

    [Fact]
    public void A_brief_isolation_of_the_source_leaves_no_hole_in_any_replica()
    {
        // Before connections, a partition dropped single packets from the middle of the stream and
        // a later heartbeat moved the receiver past the hole: gtid_executed 1-164:169-171, threads Running.
        var faults = FaultPlan.Empty.At(SimTime.FromMillis(500), new IsolateFault("s1")).At(SimTime.FromMillis(560), new HealFault());
        for (ulong seed = 1; seed <= 10; seed++)
        {
            RunReport report = ScenarioRunner.Run(Topologies.SourceWithReplicas(2, faults: faults), seed, MySqlDialect.Instance);
            Assert.Equal("settled", report.Result.StopReason);
            AssertReplicasMatchSource(report, seed);
        }
    }

    [Fact]
    public void Repeated_partitions_of_position_based_replicas_during_writes_leave_them_identical()
    {
        var faults = FaultPlan.Empty
            .At(SimTime.FromMillis(300), new PartitionFault("s1", "r1"))
            .At(SimTime.FromMillis(340), new HealFault())
            .At(SimTime.FromMillis(700), new PartitionFault("s1", "r2", OneWay: true))
            .At(SimTime.FromMillis(1400), new HealFault())
            .At(SimTime.FromMillis(1500), new IsolateFault("r1"))
            .At(SimTime.FromMillis(2100), new HealFault());
        for (ulong seed = 1; seed <= 10; seed++)
        {
            // A connect that hangs in a partition is retried after SOURCE_CONNECT_RETRY (60 s by default): keep it short here.
            var options = new ServerOptions { GtidMode = false, ConnectRetry = Duration.FromMillis(200) };
            RunReport report = ScenarioRunner.Run(Topologies.SourceWithReplicas(2, options, faults), seed, MySqlDialect.Instance);
            Assert.Equal("settled", report.Result.StopReason);
            AssertReplicasMatchSource(report, seed);
        }
    }

    [Theory]
    [InlineData(CrashMode.ProcessCrash, false)]
    [InlineData(CrashMode.DropUnsynced, true)]
    public void A_replica_hears_of_a_killed_source_at_once_but_of_a_power_loss_only_from_its_timeout(CrashMode mode, bool waitsForTimeout)
    {
        var faults = FaultPlan.Empty.At(SimTime.FromMillis(1000), new CrashFault("s1", mode));
        Scenario s = Topologies.SourceWithReplicas(1, faults: faults) with { CaptureTrace = true };
        RunReport report = ScenarioRunner.Run(s, 3, MySqlDialect.Instance);
        string line = report.TraceText!.Split('\n').First(l => l.Contains("r1: receiver:", StringComparison.Ordinal));
        double at = double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1].TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture);
        // replica_net_timeout is 500 ms here; a killed process's kernel closes the socket within a network trip.
        if (waitsForTimeout)
        {
            Assert.Contains("no data from", line);
            Assert.True(at >= 1.4, line); // silent since its last heartbeat, shortly before the crash
        }
        else
        {
            Assert.Contains("lost connection", line);
            Assert.True(at < 1.01, line);
        }
    }
}
