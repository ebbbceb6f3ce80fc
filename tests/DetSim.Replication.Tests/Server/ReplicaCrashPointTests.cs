using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Server;

/// <summary>
/// The crash points of the dump thread, the receiver and the applier (CrashPointCatalog.ThreadPoints
/// and DetSim's own) fire at the N-th transaction reaching them on the server they were armed on,
/// and leave what the catalog's Recovery says: the applier's FILE position after a commit applies
/// the transaction twice (1062 under ROW) where TABLE applies it once, as
/// mysql-test/extra/rpl_tests/rpl_crash_safe.test describes; a receiver killed between the relay log
/// write and master.info fetches the transaction again.
/// </summary>
public class ReplicaCrashPointTests
{
    private static ServerOptions Source(bool gtid = false) => new() { GtidMode = gtid, BinlogFormat = BinlogFormat.Row };

    private static ServerOptions Replica(InfoRepository repository, bool gtid = false, bool relayLogRecovery = false) =>
        new() { GtidMode = gtid, BinlogFormat = BinlogFormat.Row, RelayLogInfoRepository = repository, RelayLogRecovery = relayLogRecovery };

    /// <summary>s1 and its replica r1; one client inserts a row every ~10 ms for 100 ms; <paramref name="point"/> is armed on <paramref name="server"/>.</summary>
    private static RunReport Run(string server, string point, int nth, ServerOptions source, ServerOptions replica,
        bool restart = true, CrashMode mode = CrashMode.ProcessCrash, int writes = 10, int seconds = 10) =>
        ScenarioRunner.Run(new Scenario
        {
            Servers = [new ServerDefinition("s1", source), new ServerDefinition("r1", replica, Source: "s1")],
            Network = LinkOptions.Default with { Latency = Latency.Constant(Duration.FromMicros(100)) },
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)")],
            Clients = [new ClientOptions { Name = "app", Duration = Duration.FromMillis(10 * writes), Think = Duration.FromMillis(10), RequestTimeout = Duration.FromMillis(50), Transactions = [new TransactionTemplate(1, ["INSERT INTO t (id, v) VALUES ({n}, 7)"])] }],
            Faults = new FaultPlan().At(SimTime.Zero, new CrashAtFault(server, point, nth, restart ? Duration.FromMillis(20) : null, mode)),
            TimeLimit = SimTime.FromSeconds(seconds),
            CaptureTrace = true,
        }, seed: 1, MySqlDialect.Instance);

    private static List<Operation> Writes(RunReport report) => report.History.Where(o => !o.IsRead).ToList();

    private static long KeyOf(Operation write) => long.Parse(write.Sql[0].Split('(')[2].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);

    private static SortedSet<long> Keys(RunReport report, string server) =>
        new(report.Server(server)!.Tables!["t"].Select(r => r[0].Integer));

    /// <summary>The point fired at its N-th arrival, on that server (the trace note names the node), and on no other.</summary>
    private static void AssertFiredOn(RunReport report, string server, string point, int nth)
    {
        Assert.Empty(report.CrashPointsNotFired);
        string[] reached = report.TraceText!.Split('\n').Where(l => l.Contains($"crash point {point} reached", StringComparison.Ordinal)).ToArray();
        string line = Assert.Single(reached);
        Assert.Contains($"(#{nth})", line);
        Assert.Contains($" {server} ", line);
    }

    // ---- the dump thread --------------------------------------------------------------------------

    [Fact]
    public void A_semisync_dump_thread_killed_before_sending_the_third_transaction_leaves_the_replica_without_it()
    {
        ServerOptions source = Source() with { SemiSync = SemiSyncOptions.AfterSync(1) };
        RunReport report = Run("s1", CrashPointCatalog.BinlogTransmitHook, nth: 3, source, Replica(InfoRepository.Table) with { ReplicaSemiSync = true }, restart: false);
        AssertFiredOn(report, "s1", CrashPointCatalog.BinlogTransmitHook, 3);
        List<Operation> writes = Writes(report);
        Assert.True(writes[0].Acknowledged && writes[1].Acknowledged, string.Join("\n", writes));
        Assert.False(writes[2].Acknowledged, writes[2].ToString()); // AFTER_SYNC: no ACK came, so no OK
        Assert.Equal(new SortedSet<long> { KeyOf(writes[0]), KeyOf(writes[1]) }, Keys(report, "r1"));
    }

    [Fact]
    public void After_the_transmit_hook_crash_the_source_recovers_the_transaction_from_its_binlog_and_the_replica_then_gets_it()
    {
        ServerOptions source = Source() with { SemiSync = SemiSyncOptions.AfterSync(1) };
        // The receiver's first reconnect is refused while s1 is down; it retries after SOURCE_CONNECT_RETRY (60 s).
        RunReport report = Run("s1", CrashPointCatalog.BinlogTransmitHook, nth: 3, source, Replica(InfoRepository.Table) with { ReplicaSemiSync = true }, seconds: 90);
        AssertFiredOn(report, "s1", CrashPointCatalog.BinlogTransmitHook, 3);
        Operation third = Writes(report)[2];
        Assert.False(third.Acknowledged);
        Assert.Contains(KeyOf(third), Keys(report, "s1"));
        Assert.Equal(Keys(report, "s1"), Keys(report, "r1"));
    }

    [Fact]
    public void The_transmit_hook_runs_only_for_a_semisync_replica()
    {
        RunReport report = Run("s1", CrashPointCatalog.BinlogTransmitHook, nth: 1, Source(), Replica(InfoRepository.Table));
        string missed = Assert.Single(report.CrashPointsNotFired);
        Assert.Contains("crash_binlog_transmit_hook #1 on s1 never fired: reached 0 time(s)", missed);
    }

    [Theory]
    [InlineData(CrashMode.ProcessCrash, true)] // the kernel still sends what the killed process wrote
    [InlineData(CrashMode.DropUnsynced, false)] // a power loss takes the packet with the machine
    public void A_source_killed_just_after_sending_the_third_transaction_leaves_it_with_the_replica_unless_the_power_went(CrashMode mode, bool replicaHasIt)
    {
        RunReport report = Run("s1", CrashPointCatalog.DumpAfterSend, nth: 3, Source(), Replica(InfoRepository.Table), restart: false, mode: mode);
        AssertFiredOn(report, "s1", CrashPointCatalog.DumpAfterSend, 3);
        List<Operation> writes = Writes(report);
        Assert.False(writes[2].Acknowledged); // sync_binlog=1: sent at the binlog sync, before the engine commit and the OK
        Assert.Equal(replicaHasIt, Keys(report, "r1").Contains(KeyOf(writes[2])));
        Assert.Equal(2 + (replicaHasIt ? 1 : 0), Keys(report, "r1").Count);
    }

    // ---- the receiver -----------------------------------------------------------------------------

    [Theory]
    // By position, relay_log_recovery=OFF: master.info still names the position before the third
    // transaction, so it is fetched again and the relay log holds it twice: the second copy fails.
    [InlineData(false, false, true)]
    // relay_log_recovery=ON discards the relay log and fetches from the applier's position.
    [InlineData(false, true, false)]
    // GTID auto-positioning asks for what the relay log does not hold already.
    [InlineData(true, false, false)]
    public void A_receiver_killed_after_queueing_before_master_info_fetches_the_transaction_again(bool gtid, bool relayLogRecovery, bool appliedTwice)
    {
        RunReport report = Run("r1", CrashPointCatalog.ReceiverAfterQueue, nth: 3, Source(gtid), Replica(InfoRepository.File, gtid, relayLogRecovery));
        AssertFiredOn(report, "r1", CrashPointCatalog.ReceiverAfterQueue, 3);
        Assert.True(report.Server("r1")!.Alive);
        AssertAppliedOnceOrTwice(report, appliedTwice);
    }

    [Fact]
    public void A_receiver_killed_before_rotating_its_relay_log_loses_and_doubles_nothing()
    {
        // max_binlog_size at its minimum, so s1 rotates after a dozen rows: the first Rotate is the
        // fake one that starts the stream, the second is s1's real one.
        RunReport report = Run("r1", CrashPointCatalog.BeforeRotateRelayLog, nth: 2, Source() with { MaxBinlogSize = 4096 }, Replica(InfoRepository.File), writes: 30);
        AssertFiredOn(report, "r1", CrashPointCatalog.BeforeRotateRelayLog, 2);
        Assert.True(report.Server("s1")!.BinlogFiles >= 2);
        ServerSnapshot r1 = report.Server("r1")!;
        Assert.True(r1.Replica!.Healthy, r1.Replica.ToString());
        Assert.Empty(r1.ExecutedAfterCommit);
        Assert.Equal(Keys(report, "s1"), Keys(report, "r1"));
    }

    // ---- the applier ------------------------------------------------------------------------------

    [Theory]
    // Before the commit: nothing of the transaction survives, the position names the one before it.
    [InlineData(CrashPointCatalog.BeforeUpdatePos, InfoRepository.Table, false)]
    [InlineData(CrashPointCatalog.BeforeUpdatePos, InfoRepository.File, false)]
    [InlineData(CrashPointCatalog.AfterUpdatePosBeforeApply, InfoRepository.Table, false)]
    [InlineData(CrashPointCatalog.AfterUpdatePosBeforeApply, InfoRepository.File, false)]
    // After the commit: TABLE committed the position with it; FILE's relay-log.info was not written yet.
    [InlineData(CrashPointCatalog.AfterApply, InfoRepository.Table, false)]
    [InlineData(CrashPointCatalog.AfterApply, InfoRepository.File, true)]
    [InlineData(CrashPointCatalog.AfterCommitBeforeUpdatePos, InfoRepository.Table, false)]
    [InlineData(CrashPointCatalog.AfterCommitBeforeUpdatePos, InfoRepository.File, true)]
    public void An_applier_killed_at_the_third_transaction_applies_it_again_only_when_its_position_was_not_kept(string point, InfoRepository repository, bool appliedTwice)
    {
        // relay_log_recovery=ON, as a crash-safe replica needs (RM80 replication-solutions-unexpected-replica-halt.html):
        // the receiver starts again from the applier's position, so only that position decides.
        RunReport report = Run("r1", point, nth: 3, Source(), Replica(repository, relayLogRecovery: true));
        AssertFiredOn(report, "r1", point, 3);
        Assert.True(report.Server("s1")!.Alive);
        Assert.True(report.Server("r1")!.Alive);
        AssertAppliedOnceOrTwice(report, appliedTwice);
    }

    /// <summary>
    /// Twice: the row is there already, so the second Write_rows fails (HA_ERR_FOUND_DUPP_KEY, 1062)
    /// after one re-execution. Once: the replica is healthy, applied each transaction once, and has s1's rows.
    /// </summary>
    private static void AssertAppliedOnceOrTwice(RunReport report, bool twice)
    {
        ServerSnapshot r1 = report.Server("r1")!;
        if (twice)
        {
            Assert.Equal(1062, r1.Replica!.LastSqlErrno);
            Assert.Single(r1.ExecutedAfterCommit);
            return;
        }
        Assert.True(r1.Replica!.Healthy, r1.Replica.ToString());
        Assert.Empty(r1.ExecutedAfterCommit);
        Assert.All(r1.Applied.Values, n => Assert.Equal(1, n));
        Assert.Equal(Keys(report, "s1"), Keys(report, "r1"));
    }

    [Fact]
    public void With_GTIDs_a_FILE_position_left_behind_by_the_crash_is_harmless_the_transaction_is_skipped()
    {
        RunReport report = Run("r1", CrashPointCatalog.AfterCommitBeforeUpdatePos, nth: 3, Source(gtid: true), Replica(InfoRepository.File, gtid: true));
        AssertFiredOn(report, "r1", CrashPointCatalog.AfterCommitBeforeUpdatePos, 3);
        ServerSnapshot r1 = report.Server("r1")!;
        Assert.True(r1.Replica!.Healthy, r1.Replica.ToString());
        Assert.All(r1.Applied.Values, n => Assert.Equal(1, n));
        Assert.Equal(Keys(report, "s1"), Keys(report, "r1"));
    }

    [Fact]
    public void An_applier_point_armed_on_the_source_never_fires_and_is_reported()
    {
        RunReport report = Run("s1", CrashPointCatalog.AfterCommitBeforeUpdatePos, nth: 1, Source(), Replica(InfoRepository.Table));
        string missed = Assert.Single(report.CrashPointsNotFired);
        Assert.Contains("crash_after_commit_before_update_pos #1 on s1 never fired", missed);
        Assert.Equal(Keys(report, "s1"), Keys(report, "r1"));
    }

    [Fact]
    public void A_replica_crash_point_replays_to_the_same_trace()
    {
        RunReport first = Run("r1", CrashPointCatalog.ReceiverAfterQueue, nth: 3, Source(), Replica(InfoRepository.File));
        RunReport again = Run("r1", CrashPointCatalog.ReceiverAfterQueue, nth: 3, Source(), Replica(InfoRepository.File));
        Assert.Equal(first.Result.TraceHash, again.Result.TraceHash);
        Assert.Equal(first.TraceText, again.TraceText);
    }
}
