using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Engine;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Server;

/// <summary>
/// A crash at each step of the commit pipeline loses exactly what MySQL's durability settings allow
/// (MYSQL-FACTS §3.1–3.3). One INSERT arrives at 10.1 ms; with 0.5 ms fsyncs the redo fsync ends at
/// 10.6 ms, the binlog fsync at 11.1 ms (then the engine commits and replies), and the reply reaches
/// the client at 11.2 ms.
/// </summary>
public class CrashDurabilityTests
{
    public enum Point { DuringRedoFsync, DuringBinlogFsync, AfterCommitBeforeReply, AfterReply }

    public enum Outcome { Lost, CommittedUnacknowledged, Durable, AckedButLost, BinlogOnly }

    private static readonly Dictionary<Point, long> CrashAtMicros = new()
    {
        [Point.DuringRedoFsync] = 10_300,
        [Point.DuringBinlogFsync] = 10_800,
        [Point.AfterCommitBeforeReply] = 11_150,
        [Point.AfterReply] = 11_500,
    };

    [Theory]
    // sync_binlog=1, innodb_flush_log_at_trx_commit=1: nothing acknowledged is lost; a prepared
    // transaction in the synced binlog is committed by recovery although no client heard of it.
    [InlineData(1, 1, CrashMode.DropUnsynced, Point.DuringRedoFsync, Outcome.Lost)]
    [InlineData(1, 1, CrashMode.DropUnsynced, Point.DuringBinlogFsync, Outcome.Lost)]
    [InlineData(1, 1, CrashMode.DropUnsynced, Point.AfterCommitBeforeReply, Outcome.CommittedUnacknowledged)]
    [InlineData(1, 1, CrashMode.DropUnsynced, Point.AfterReply, Outcome.Durable)]
    // sync_binlog=0: the binlog tail is in the page cache; a power loss takes it and recovery rolls
    // the prepared transaction back: an acknowledged commit is gone. A process crash loses nothing.
    [InlineData(0, 1, CrashMode.DropUnsynced, Point.AfterReply, Outcome.AckedButLost)]
    [InlineData(0, 1, CrashMode.ProcessCrash, Point.AfterReply, Outcome.Durable)]
    // innodb_flush_log_at_trx_commit=2: redo written but not synced; an OS crash leaves the
    // transaction in the binlog (and on replicas) but not in the engine.
    [InlineData(1, 2, CrashMode.DropUnsynced, Point.AfterReply, Outcome.BinlogOnly)]
    [InlineData(1, 2, CrashMode.ProcessCrash, Point.AfterReply, Outcome.Durable)]
    // innodb_flush_log_at_trx_commit=0: the log buffer lives in mysqld's memory; any crash loses it.
    [InlineData(1, 0, CrashMode.ProcessCrash, Point.AfterReply, Outcome.BinlogOnly)]
    public void A_crash_loses_what_the_settings_allow(long syncBinlog, int trxCommit, CrashMode mode, Point point, Outcome expected)
    {
        var options = new ServerOptions { GtidMode = true, SyncBinlog = syncBinlog, InnodbFlushLogAtTrxCommit = (FlushLogAtTrxCommit)trxCommit };
        var scenario = new Scenario
        {
            Servers = [new ServerDefinition("s1", options)],
            Network = LinkOptions.Default with { Latency = Latency.Constant(Duration.FromMicros(100)) },
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)")],
            Clients = [new ClientOptions { Name = "app", Start = SimTime.FromMillis(10), Duration = Duration.FromMicros(1), Think = Duration.FromSeconds(10), Transactions = [new TransactionTemplate(1, ["INSERT INTO t (v) VALUES (7)"])] }],
            Faults = new FaultPlan().At(new SimTime(CrashAtMicros[point]), new CrashFault("s1", mode)).At(SimTime.FromMillis(200), new RestartFault("s1")),
            TimeLimit = SimTime.FromSeconds(10),
        };
        RunReport report = ScenarioRunner.Run(scenario, seed: 1, MySqlDialect.Instance);
        Operation op = Assert.Single(report.History);
        ServerSnapshot s1 = report.Server("s1")!;
        bool inEngine = s1.Tables!["t"].Any(r => r[0].Integer == 1 && r[1].Integer == 7);
        bool inGtids = s1.GtidExecuted!.Length > 0;
        Outcome actual = (op.Acknowledged, inEngine, inGtids) switch
        {
            (true, true, true) => Outcome.Durable,
            (false, true, true) => Outcome.CommittedUnacknowledged,
            (true, false, false) => Outcome.AckedButLost,
            (_, false, true) => Outcome.BinlogOnly,
            (false, false, false) => Outcome.Lost,
            _ => throw new InvalidOperationException($"unexpected state: acked={op.Acknowledged} engine={inEngine} gtids={inGtids}"),
        };
        Assert.Equal(expected, actual);
    }
}
