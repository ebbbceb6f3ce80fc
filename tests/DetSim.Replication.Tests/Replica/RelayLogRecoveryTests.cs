using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Tests.Scenarios;

namespace DetSim.Replication.Tests.Replica;

/// <summary>
/// relay_log_info_repository × relay_log_recovery at a single-threaded replica's crash, as RM80
/// replication-solutions-unexpected-replica-halt.html lays out: without GTIDs only TABLE with
/// relay_log_recovery=ON is crash-safe; with GTID auto-positioning relay_log_recovery=OFF is enough
/// (the receiver asks by GTID set and the applier skips what it committed).
/// </summary>
public class RelayLogRecoveryTests
{
    private static Scenario CrashMidLoad(InfoRepository repository, bool recovery, CrashMode mode, bool gtid = false)
    {
        var options = new ServerOptions
        {
            GtidMode = gtid,
            ReplicaParallelWorkers = 1,
            RelayLogInfoRepository = repository,
            RelayLogRecovery = recovery,
        };
        ClientOptions writers = Topologies.Writers(2, Duration.FromMillis(800), new TransactionTemplate(1, ["INSERT INTO t (v) VALUES ({n})"]));
        FaultPlan faults = new FaultPlan()
            .At(SimTime.FromMillis(400), new CrashFault("r1", mode))
            .At(SimTime.FromMillis(500), new RestartFault("r1"));
        return Topologies.SourceWithReplicas(1, options, faults, writers);
    }

    private static ServerSnapshot Replica(InfoRepository repository, bool recovery, CrashMode mode, ulong seed, bool gtid = false) =>
        ScenarioRunner.Run(CrashMidLoad(repository, recovery, mode, gtid), seed, MySqlDialect.Instance).Server("r1")!;

    private static bool AnyDuplicate(InfoRepository repository, bool recovery, CrashMode mode) =>
        Enumerable.Range(1, 8).Any(seed => Replica(repository, recovery, mode, (ulong)seed).Replica!.LastSqlErrno == 1062);

    public static TheoryData<ulong, CrashMode> Seeds() => CrashSeeds.Both(6);

    [Fact]
    public void Defaults_are_mysql_80s_and_mariadbs()
    {
        Assert.Equal(InfoRepository.Table, new ServerOptions().RelayLogInfoRepository);
        Assert.False(new ServerOptions().RelayLogRecovery);
        Assert.Equal(InfoRepository.File, ServerOptions.ForMariaDb().RelayLogInfoRepository);
        Assert.False(ServerOptions.ForMariaDb().RelayLogRecovery);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Table_with_recovery_applies_each_transaction_once(ulong seed, CrashMode mode)
    {
        // The applier position commits with each transaction; recovery drops the relay log and
        // fetches again from exactly there (sql/rpl_replica.cc init_recovery).
        RunReport report = ScenarioRunner.Run(CrashMidLoad(InfoRepository.Table, true, mode), seed, MySqlDialect.Instance);
        ServerSnapshot r1 = report.Server("r1")!;
        Assert.Equal(0, r1.Replica!.LastSqlErrno);
        Assert.Equal(ReplicaThreadState.Running, r1.Replica.SqlState);
        Assert.Equal(Rows(report.Server("s1")!), Rows(r1));
    }

    [Fact]
    public void File_without_recovery_applies_twice_after_a_power_loss() =>
        // relay-log.info is synced every sync_relay_log_info writes: the restart takes a stale position.
        Assert.True(AnyDuplicate(InfoRepository.File, recovery: false, CrashMode.DropUnsynced));

    [Fact]
    public void File_with_recovery_still_applies_twice_after_a_power_loss() =>
        // relay_log_recovery fetches again from the applier position, and with FILE that is stale too.
        Assert.True(AnyDuplicate(InfoRepository.File, recovery: true, CrashMode.DropUnsynced));

    [Fact]
    public void Table_without_recovery_refetches_from_the_stale_receiver_position_after_a_kill()
    {
        // mysql.slave_master_info is updated only every sync_source_info events: the receiver resumes
        // from an older position than its relay log holds and queues those transactions again.
        Assert.True(AnyDuplicate(InfoRepository.Table, recovery: false, CrashMode.ProcessCrash));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Gtid_auto_positioning_without_recovery_applies_each_transaction_once(ulong seed, CrashMode mode)
    {
        RunReport report = ScenarioRunner.Run(CrashMidLoad(InfoRepository.Table, false, mode, gtid: true), seed, MySqlDialect.Instance);
        ServerSnapshot r1 = report.Server("r1")!;
        Assert.Equal(0, r1.Replica!.LastSqlErrno);
        Assert.Equal(Rows(report.Server("s1")!), Rows(r1));
    }

    private static string Rows(ServerSnapshot s) =>
        string.Join(";", s.Tables!["t"].Select(r => string.Join(",", r.Select(v => v.ToString()))));
}
