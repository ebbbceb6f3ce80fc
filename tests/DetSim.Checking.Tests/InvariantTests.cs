using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;
using static DetSim.Checking.Tests.Histories;

namespace DetSim.Checking.Tests;

/// <summary>Each checker on a hand-built run where it must fire and one where it must not.</summary>
public class InvariantTests
{
    [Fact]
    public void NoLostAckedWrite_fires_when_an_acknowledged_gtid_is_missing_from_the_final_source()
    {
        var lost = new Histories().Insert(1, 10).Insert(2, 20)
            .Server("r1", null, true, $"{Uuid}:1", null, Row(1, 10)).Report("r1");
        Violation v = Assert.Single(InvariantCatalog.NoLostAckedWrite.Check(lost));
        Assert.Contains($"{Uuid}:2", v.Message);
        Assert.Equal([2L], v.Operations);

        var kept = new Histories().Insert(1, 10).Insert(2, 20, OpOutcome.Unknown)
            .Server("r1", null, true, $"{Uuid}:1", null, Row(1, 10)).Report("r1");
        Assert.Empty(InvariantCatalog.NoLostAckedWrite.Check(kept)); // an unknown outcome was never promised
    }

    [Fact]
    public void NoLostAckedWrite_compares_rows_without_gtids_too()
    {
        var lost = new Histories().Insert(1, 10, gtid: "").Server("r1", null, true, "", null, Row(1, 99)).Report("r1", gtid: false);
        Assert.Contains("t row 1", Assert.Single(InvariantCatalog.NoLostAckedWrite.Check(lost)).Message);
    }

    [Fact]
    public void NoPhantomRead_fires_when_a_row_someone_read_is_gone_or_replaced_by_another()
    {
        var phantom = new Histories().Insert(1, 10, OpOutcome.Unknown).Read("s1", 20, Row(1, 10))
            .Server("r1", null, true, "", null, Row(1, 77)).Report("r1");
        Assert.Contains("read t row (1,10)", Assert.Single(InvariantCatalog.NoPhantomRead.Check(phantom)).Message);

        var replaced = new Histories().Insert(1, 10).Read("s1", 20, Row(1, 10)).Update(1, 10, 11, at: 30)
            .Server("r1", null, true, "", null, Row(1, 11)).Report("r1");
        Assert.Empty(InvariantCatalog.NoPhantomRead.Check(replaced)); // a later write replaced exactly what was read
    }

    [Fact]
    public void NoPhantomRead_judges_every_row_of_a_loop_of_reads_and_reports_each_phantom_once()
    {
        // A loop of reads of the newest rows: each returns the previous result shifted by the rows
        // inserted since (the same row objects, which the checker remembers as judged).
        Value[] r1 = Row(1, 10), r2 = Row(2, 20), r3 = Row(3, 30), r4 = Row(4, 40), r5 = Row(5, 50), gone = Row(6, 60), lost = Row(0, 5);
        var h = new Histories().Insert(1, 10).Insert(2, 20).Insert(3, 30).Insert(4, 40).Insert(5, 50)
            .Read("s1", 20, r3, r2, r1)
            .Read("s1", 21, r3, r2, r1)               // the same rows again: nothing new
            .Read("s1", 22, gone, r5, r4, r3, r2, r1) // shifted by three: the new head holds a phantom
            .Read("s1", 23, gone, r5, r4, lost);      // rows read before, then one that is not on the source
        RunReport report = h.Server("r1", null, true, "", null, r1, r2, r3, r4, r5).Report("r1");
        var messages = InvariantCatalog.NoPhantomRead.Check(report).Violations.Select(v => v.Message).ToList();
        Assert.Equal(2, messages.Count); // the phantom read twice is reported once
        Assert.Contains("read t row (6,60)", messages[0]);
        Assert.Contains("read t row (0,5)", messages[1]);
    }

    [Fact]
    public void Converged_reports_the_first_differing_row_of_a_follower()
    {
        var diverged = new Histories()
            .Server("s1", null, true, $"{Uuid}:1-2", null, Row(1, 10), Row(2, 20))
            .Server("r1", "s1", false, $"{Uuid}:1-2", Status("s1"), Row(1, 10), Row(2, 21)).Report();
        Assert.Contains("t row 2 is (2,21) but the source has (2,20)", Assert.Single(InvariantCatalog.Converged.Check(diverged)).Message);

        var chain = new Histories()
            .Server("a", null, true, $"{Uuid}:1", null, Row(1, 10))
            .Server("b", "a", false, $"{Uuid}:1", Status("a"), Row(1, 10))
            .Server("c", "b", false, $"{Uuid}:1", Status("b"), Row(1, 10)).Report("a");
        Assert.Empty(InvariantCatalog.Converged.Check(chain));
    }

    [Fact]
    public void ReplicationRunning_reads_the_replica_errors()
    {
        var stopped = new Histories().Server("s1", null, true, "").Server("r1", "s1", false, "", Status("s1", sqlErr: 1062)).Report();
        Assert.Single(InvariantCatalog.ReplicationRunning.Check(stopped));
        var fine = new Histories().Server("s1", null, true, "").Server("r1", "s1", false, "", Status("s1")).Report();
        Assert.Empty(InvariantCatalog.ReplicationRunning.Check(fine));
        Assert.True(InvariantCatalog.ReplicationRunning.Check(fine).Held);
    }

    [Fact]
    public void Availability_is_the_share_of_writes_that_succeeded()
    {
        var h = new Histories();
        for (int i = 1; i <= 95; i++) h.Insert(i, i);
        for (int i = 96; i <= 100; i++) h.Insert(i, i, OpOutcome.Unknown, at: 100 + i);
        RunReport r = h.Server("s1", null, true, "").Report();
        Assert.Empty(InvariantCatalog.Availability(0.95).Check(r));
        Assert.Contains("95 of 100 writes succeeded", Assert.Single(InvariantCatalog.Availability(0.99).Check(r)).Message);
    }

    [Fact]
    public void CommitOrderReads_fires_when_a_replica_shows_a_later_commit_without_an_earlier_one()
    {
        var gap = new Histories().Insert(1, 10).Insert(2, 20).Insert(3, 30).Read("r1", 50, Row(1, 10), Row(3, 30))
            .Server("s1", null, true, "").Server("r1", "s1", false, "", Status("s1")).Report();
        Assert.Contains("not row 2", Assert.Single(InvariantCatalog.CommitOrderReads.Check(gap)).Message);
        var prefix = new Histories().Insert(1, 10).Insert(2, 20).Insert(3, 30).Read("r1", 50, Row(1, 10), Row(2, 20))
            .Server("s1", null, true, "").Server("r1", "s1", false, "", Status("s1")).Report();
        Assert.Empty(InvariantCatalog.CommitOrderReads.Check(prefix));
    }

    [Fact]
    public void ReadYourWrites_fires_when_a_session_reads_an_older_version_of_its_own_write()
    {
        var stale = new Histories().Update(7, 1, 2, gtid: $"{Uuid}:1").PointRead("r1", 20, 7, Row(7, 1))
            .Server("s1", null, true, "").Report();
        Assert.Contains("wrote t row 7", Assert.Single(InvariantCatalog.ReadYourWrites.Check(stale)).Message);
        var fresh = new Histories().Update(7, 1, 2, gtid: $"{Uuid}:1").PointRead("r1", 20, 7, Row(7, 2))
            .Server("s1", null, true, "").Report();
        Assert.Empty(InvariantCatalog.ReadYourWrites.Check(fresh));
    }

    [Fact]
    public void SourceWritable_fires_when_the_final_source_is_read_only_or_still_a_replica()
    {
        var readOnly = new Histories().Down("s1").Server("r1", null, true, "").With(s => s with { ReadOnly = true }).Report(finalSource: "r1");
        Assert.Contains("r1 has read_only=ON", Assert.Single(InvariantCatalog.SourceWritable.Check(readOnly)).Message);
        var stillReplica = new Histories().Server("s1", null, false, "").Server("r1", "s1", true, "", Status("s1")).Report(finalSource: "r1");
        Assert.Contains("r1 still replicates from s1", Assert.Single(InvariantCatalog.SourceWritable.Check(stillReplica)).Message);
        var promoted = new Histories().Down("s1").Server("r1", null, true, "").Report(finalSource: "r1");
        Assert.True(InvariantCatalog.SourceWritable.Check(promoted).Held);
        var down = new Histories().Down("s1", isSource: true).Report(finalSource: "s1");
        Assert.True(InvariantCatalog.SourceWritable.Check(down).IsInconclusive);
    }

    [Fact]
    public void SourceWritable_holds_after_a_real_failover()
    {
        var options = new Replication.Server.ServerOptions { GtidMode = true };
        var scenario = new Scenario
        {
            Servers = [new ServerDefinition("s1", options), new ServerDefinition("r1", options, "s1")],
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)")],
            Clients = [new ClientOptions { Name = "app", Duration = Core.Time.Duration.FromSeconds(1), Transactions = [new TransactionTemplate(1, ["INSERT INTO t (v) VALUES ({n})"])] }],
            Faults = new Core.Faults.FaultPlan()
                .At(Core.Time.SimTime.FromMillis(300), new Core.Faults.CrashFault("s1", Core.Disk.CrashMode.ProcessCrash))
                .At(Core.Time.SimTime.FromMillis(400), new FailoverFault()),
        };
        RunReport report = ScenarioRunner.Run(scenario, 1, Replication.Sql.MySqlDialect.Instance);
        Assert.Equal("r1", report.FinalSource);
        Assert.True(InvariantCatalog.SourceWritable.Check(report).Held, InvariantCatalog.SourceWritable.Check(report).ToString());
    }
}
