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
/// A position-based multi-threaded replica without replica_preserve_commit_order leaves gaps: the
/// crash-safe repositories record the low-water mark and which transactions after it each worker
/// committed (mysql.slave_worker_info), so recovery applies exactly the missing ones (RM80
/// replication-features-transaction-inconsistencies.html, replication-solutions-unexpected-replica-halt.html).
/// </summary>
public class ParallelApplierRecoveryTests
{
    private static Scenario CrashMidLoad(bool crashSafe, CrashMode mode)
    {
        var options = new ServerOptions
        {
            GtidMode = false,
            ReplicaParallelWorkers = 4,
            ReplicaPreserveCommitOrder = false,
            RelayLogInfoRepository = crashSafe ? InfoRepository.Table : InfoRepository.File,
            RelayLogRecovery = crashSafe,
            ApplyCostPerTransaction = Duration.FromMillis(2),
        };
        ClientOptions writers = Topologies.Writers(4, Duration.FromMillis(800), new TransactionTemplate(1, ["INSERT INTO t (v) VALUES ({n})"])) with
        {
            Think = Duration.FromMillis(1),
        };
        FaultPlan faults = new FaultPlan()
            .At(SimTime.FromMillis(400), new CrashFault("r1", mode))
            .At(SimTime.FromMillis(500), new RestartFault("r1"));
        return Topologies.SourceWithReplicas(1, options, faults, writers);
    }

    public static TheoryData<ulong, CrashMode> Seeds() => CrashSeeds.Both(8);

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Crash_safe_parallel_replica_applies_each_transaction_once(ulong seed, CrashMode mode)
    {
        RunReport report = ScenarioRunner.Run(CrashMidLoad(crashSafe: true, mode), seed, MySqlDialect.Instance);
        ServerSnapshot s1 = report.Server("s1")!, r1 = report.Server("r1")!;
        Assert.Equal(0, r1.Replica!.LastSqlErrno);
        Assert.Equal(ReplicaThreadState.Running, r1.Replica.SqlState);
        Assert.Equal(Rows(s1), Rows(r1));
    }

    [Fact]
    public void Parallel_replica_with_file_repositories_applies_twice()
    {
        // FILE repositories are written after the commit and synced every sync_relay_log_info
        // transactions: after a power loss the replica restarts from a stale position (MySQL's own behaviour).
        bool duplicate = Enumerable.Range(1, 8).Any(seed =>
            ScenarioRunner.Run(CrashMidLoad(crashSafe: false, CrashMode.DropUnsynced), (ulong)seed, MySqlDialect.Instance).Server("r1")!.Replica!.LastSqlErrno == 1062);
        Assert.True(duplicate);
    }

    private static string Rows(ServerSnapshot s) =>
        string.Join(";", s.Tables!["t"].Select(r => string.Join(",", r.Select(v => v.ToString()))));
}
