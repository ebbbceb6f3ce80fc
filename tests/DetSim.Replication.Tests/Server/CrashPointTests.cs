using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Server;

/// <summary>
/// MySQL's named crash points (DBUG_EXECUTE_IF("crash_...", DBUG_SUICIDE()), CrashPointCatalog)
/// fire at the N-th transaction reaching them and leave what MySQL's crash recovery leaves: before
/// the binlog write the transaction is rolled back; once its events are in the binlog (page cache
/// kept: the process was killed) recovery commits it. The client hears of none of them.
/// </summary>
public class CrashPointTests
{
    private static RunReport Run(string point, int nth, ServerOptions? options = null) =>
        ScenarioRunner.Run(new Scenario
        {
            Servers = [new ServerDefinition("s1", options ?? new ServerOptions { GtidMode = true })],
            Network = LinkOptions.Default with { Latency = Latency.Constant(Duration.FromMicros(100)) },
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)")],
            Clients = [new ClientOptions { Name = "app", Duration = Duration.FromMillis(100), Think = Duration.FromMillis(10), RequestTimeout = Duration.FromMillis(50), Transactions = [new TransactionTemplate(1, ["INSERT INTO t (id, v) VALUES ({n}, 7)"])] }],
            Faults = new FaultPlan().At(SimTime.Zero, new CrashAtFault("s1", point, nth, RestartAfter: Duration.FromMillis(20))),
            TimeLimit = SimTime.FromSeconds(10),
            CaptureTrace = true,
        }, seed: 1, MySqlDialect.Instance);

    [Theory]
    [InlineData(CrashPointCatalog.CommitBeforeLog, false)]
    [InlineData(CrashPointCatalog.AfterFlushBinlog, true)]
    [InlineData(CrashPointCatalog.CommitAfterLog, true)]
    [InlineData(CrashPointCatalog.CommitBeforeUnlog, true)]
    [InlineData(CrashPointCatalog.CommitAfter, true)]
    public void The_third_transaction_at_a_crash_point_kills_the_server_and_recovery_keeps_what_MySQL_keeps(string point, bool survives)
    {
        RunReport report = Run(point, nth: 3);
        Assert.Empty(report.CrashPointsNotFired);
        Assert.Contains($"crash point {point} reached (#3)", report.TraceText);
        var writes = report.History.Where(o => !o.IsRead).ToList();
        // The first two committed and were acknowledged; the third never was.
        Assert.True(writes[0].Acknowledged && writes[1].Acknowledged, string.Join("\n", writes));
        Operation third = writes[2];
        Assert.False(third.Acknowledged, third.ToString());
        long key = long.Parse(third.Sql[0].Split('(')[2].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        bool present = report.Server("s1")!.Tables!["t"].Any(r => r[0].Integer == key);
        Assert.Equal(survives, present);
    }

    [Fact]
    public void The_crash_happens_in_the_step_that_reaches_the_point()
    {
        // crash_after_flush_binlog: the group's events were written but never published, so with
        // sync_binlog=1 no dump thread could have sent them: the crash and the write are the same instant.
        RunReport report = Run(CrashPointCatalog.AfterFlushBinlog, nth: 1);
        string[] lines = report.TraceText!.Split('\n');
        int reached = Array.FindIndex(lines, l => l.Contains("crash point crash_after_flush_binlog reached", StringComparison.Ordinal));
        int crash = Array.FindIndex(lines, l => l.Contains(" crash ", StringComparison.Ordinal) && l.Contains("s1 process", StringComparison.Ordinal));
        Assert.True(reached >= 0 && crash > reached, report.TraceText);
        static string Time(string line) => line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        Assert.Equal(Time(lines[reached]), Time(lines[crash]));
    }

    [Fact]
    public void A_crash_point_no_transaction_reaches_is_reported_in_the_run_result()
    {
        RunReport report = Run(CrashPointCatalog.CommitBeforeLog, nth: 1_000);
        string missed = Assert.Single(report.CrashPointsNotFired);
        Assert.Contains("crash_commit_before_log #1000 on s1 never fired", missed);
        Assert.All(report.History.Where(o => !o.IsRead), o => Assert.True(o.Acknowledged));
    }
}
