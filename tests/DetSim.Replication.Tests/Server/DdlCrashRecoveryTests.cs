using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Time;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Tests.Scenarios;

namespace DetSim.Replication.Tests.Server;

/// <summary>
/// Atomic DDL survives a crash (MySQL 8.0): its Query event carries the xid of its prepared
/// data-dictionary change, so binlog recovery commits it like any DML transaction. Found by the
/// soak: a replica that crashed after applying CREATE TABLE kept the GTID and lost the table.
/// </summary>
public class DdlCrashRecoveryTests
{
    [Theory]
    [InlineData(CrashMode.DropUnsynced)]
    [InlineData(CrashMode.TornWrite)]
    public void A_table_created_before_a_power_loss_is_there_after_recovery(CrashMode mode)
    {
        var faults = FaultPlan.Empty
            .At(SimTime.FromMillis(100), new AdminSqlFault("s1", "CREATE TABLE made (id INT PRIMARY KEY, v INT)"))
            .At(SimTime.FromMillis(150), new CrashFault("s1", mode))
            .At(SimTime.FromMillis(200), new RestartFault("s1"));
        Scenario s = Topologies.SourceWithReplicas(1, faults: faults, clients: Topologies.Writers(duration: Duration.FromMillis(50)));
        for (ulong seed = 1; seed <= 5; seed++)
        {
            RunReport report = ScenarioRunner.Run(s, seed, MySqlDialect.Instance);
            ServerSnapshot s1 = report.Server("s1")!;
            Assert.True(s1.Tables!.ContainsKey("made"), $"seed {seed}: s1 lost the table; gtid_executed [{s1.GtidExecuted}]");
            Assert.True(report.Server("r1")!.Tables!.ContainsKey("made"), $"seed {seed}: r1 never got the table");
        }
    }
}
