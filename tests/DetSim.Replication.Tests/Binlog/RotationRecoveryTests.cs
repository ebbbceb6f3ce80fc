using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Core;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Clients;
using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Binlog;

/// <summary>
/// A group that fills the binlog past max_binlog_size is still prepared while it waits for its
/// AFTER_SYNC acknowledgment. MySQL rotates only after the commit stage, and new_file_impl waits for
/// the prepared XIDs of the old file to drain (sql/binlog.cc ordered_commit, new_file_impl), so a
/// crash in that window leaves the group in the newest file, where recovery finds and commits it.
/// </summary>
public class RotationRecoveryTests
{
    // One transaction of ~6 KB of row events: past a 4 KiB max_binlog_size on its own.
    private static readonly string BigInsert =
        "INSERT INTO t (v) VALUES " + string.Join(", ", Enumerable.Range(1, 600).Select(i => $"({i})"));

    private static Scenario OneBigInsert(CrashMode mode, long crashAtMicros, ServerOptions? options = null)
    {
        // No semi-sync replica is connected: with rpl_semi_sync_source_wait_no_replica=ON the group
        // waits (prepared, in the binlog, not committed) for the 10 s timeout.
        ServerOptions o = options ?? new ServerOptions { GtidMode = true, MaxBinlogSize = 4096, SemiSync = SemiSyncOptions.AfterSync() };
        return new Scenario
        {
            Servers = [new ServerDefinition("s1", o)],
            Network = LinkOptions.Default with { Latency = Latency.Constant(Duration.FromMicros(100)) },
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)")],
            Clients = [new ClientOptions { Name = "app", Start = SimTime.FromMillis(10), Duration = Duration.FromMicros(1), Think = Duration.FromSeconds(100), RequestTimeout = Duration.FromSeconds(100), Transactions = [new TransactionTemplate(1, [BigInsert])] }],
            Faults = new FaultPlan().At(new SimTime(crashAtMicros), new CrashFault("s1", mode)).At(SimTime.FromMillis(200), new RestartFault("s1")),
            TimeLimit = SimTime.FromSeconds(30),
        };
    }

    [Theory]
    [InlineData(CrashMode.DropUnsynced)]
    [InlineData(CrashMode.ProcessCrash)]
    public void A_crash_while_a_size_triggering_group_is_prepared_keeps_its_rows_and_gtid_together(CrashMode mode)
    {
        RunReport report = ScenarioRunner.Run(OneBigInsert(mode, crashAtMicros: 50_000), seed: 1, MySqlDialect.Instance);
        ServerSnapshot s1 = report.Server("s1")!;
        Assert.True(s1.Alive);
        // The binlog was synced: recovery finds the group in the newest file and commits it.
        Assert.Equal(600, s1.Tables!["t"].Count);
        Assert.NotEqual("", s1.GtidExecuted);
    }

    [Fact]
    public void The_binlog_rotates_only_after_the_group_commits()
    {
        // Semi-sync times out after 20 ms; the group then commits and the binlog rotates.
        var o = new ServerOptions { GtidMode = true, MaxBinlogSize = 4096, SemiSync = SemiSyncOptions.AfterSync(timeout: Duration.FromMillis(20)) };
        RunReport before = ScenarioRunner.Run(OneBigInsert(CrashMode.ProcessCrash, 20_000, o) with { Faults = FaultPlan.Empty, TimeLimit = SimTime.FromMillis(20) }, seed: 1, MySqlDialect.Instance);
        Assert.Equal(1, before.Server("s1")!.BinlogFiles);
        RunReport after = ScenarioRunner.Run(OneBigInsert(CrashMode.ProcessCrash, 20_000, o) with { Faults = FaultPlan.Empty, TimeLimit = SimTime.FromMillis(100) }, seed: 1, MySqlDialect.Instance);
        Assert.Equal(2, after.Server("s1")!.BinlogFiles);
        Assert.Equal(600, after.Server("s1")!.Tables!["t"].Count);
    }

    [Fact]
    public void Recovery_asserts_that_no_rolled_back_xid_is_in_an_older_file()
    {
        var disk = new SimDisk();
        var log = new BinaryLog(disk, serverId: 1, maxSize: 4096);
        log.Rotate(SimTime.Zero, new GtidSet());
        var gtid = new DetSim.Replication.Gtid.Gtid(MySqlServer.UuidFor("s1"), 1);
        log.Append(new GtidEvent(gtid, 0, 1, 0, false, false) { ServerId = 1, Timestamp = SimTime.Zero },
            [new QueryEvent("test", "BEGIN", 1, 1, 1) { ServerId = 1, Timestamp = SimTime.Zero }, new XidEvent(42) { ServerId = 1, Timestamp = SimTime.Zero }]);
        log.Rotate(SimTime.Zero, new GtidSet());

        log.CheckRolledBackAreNotInOlderFiles([7]); // an xid no file holds: rolled back correctly
        var e = Assert.Throws<InvariantViolatedException>(() => log.CheckRolledBackAreNotInOlderFiles([42]));
        Assert.Contains("binlog.000001", e.Message);
    }
}
