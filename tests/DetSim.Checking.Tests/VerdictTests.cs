using DetSim.Core.Scheduling;
using DetSim.Replication.Clients;
using DetSim.Replication.Engine;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;
using static DetSim.Checking.Tests.Histories;

namespace DetSim.Checking.Tests;

/// <summary>
/// Each measured false verdict of issue 12 on a hand-built run: the checker fires where it must,
/// holds where it must not fire, and is inconclusive where it cannot know.
/// </summary>
public class VerdictTests
{
    private static Value[] Key(long id) => [Value.Of(id)];

    // --- reads are compared as what they are ---

    [Fact]
    public void A_projected_ordered_limited_read_is_no_phantom()
    {
        // SELECT id ... returns (2),(1); the stored rows are (1,10),(2,20): the same rows, projected.
        var r = new Histories().Insert(1, 10).Insert(2, 20).Select("SELECT id FROM t ORDER BY id DESC LIMIT 100", "s1", 30, Key(2), Key(1))
            .Server("s1", null, true, $"{Uuid}:1-2", null, Row(1, 10), Row(2, 20)).Report();
        Assert.True(InvariantCatalog.NoPhantomRead.Check(r).Held);
    }

    [Fact]
    public void A_projected_read_of_a_row_the_new_source_never_got_is_a_phantom()
    {
        var r = new Histories().Insert(1, 10).Insert(3, 30, OpOutcome.Unknown).Select("SELECT id FROM t WHERE id > 0 ORDER BY id DESC LIMIT 2", "s1", 30, Key(3), Key(1))
            .Server("r1", null, true, $"{Uuid}:1", null, Row(1, 10)).Report("r1");
        Assert.Contains("read t row (3)", Assert.Single(InvariantCatalog.NoPhantomRead.Check(r)).Message);
    }

    [Fact]
    public void A_projection_of_other_columns_is_compared_column_by_column()
    {
        var same = new Histories().Insert(1, 10).Select("SELECT v, id FROM t", "s1", 30, [Value.Of(10), Value.Of(1)])
            .Server("s1", null, true, "", null, Row(1, 10)).Report();
        Assert.True(InvariantCatalog.NoPhantomRead.Check(same).Held);
        var other = new Histories().Insert(1, 10, OpOutcome.Unknown).Select("SELECT v, id FROM t", "s1", 30, [Value.Of(10), Value.Of(1)])
            .Server("r1", null, true, "", null, Row(1, 11)).Report("r1");
        Assert.Contains("has (11,1) instead", Assert.Single(InvariantCatalog.NoPhantomRead.Check(other)).Message);
    }

    [Fact]
    public void An_aggregate_names_no_row_and_is_not_judged_as_one()
    {
        var r = new Histories().Insert(1, 10).Select("SELECT COUNT(*) FROM t", "s1", 30, Key(1))
            .Server("s1", null, true, "", null, Row(1, 10)).Report();
        Assert.True(InvariantCatalog.NoPhantomRead.Check(r).Held);
    }

    [Fact]
    public void Read_your_writes_compares_a_projected_point_read()
    {
        var fresh = new Histories().Update(7, 1, 2).Select("SELECT v FROM t WHERE id = 7", "r1", 20, [Value.Of(2)]).Server("s1", null, true, "").Report();
        Assert.True(InvariantCatalog.ReadYourWrites.Check(fresh).Held); // no key projected: not a read of an identified row
        var fresh2 = new Histories().Update(7, 1, 2).Select("SELECT id, v FROM t WHERE id = 7", "r1", 20, Row(7, 2)).Server("s1", null, true, "").Report();
        Assert.True(InvariantCatalog.ReadYourWrites.Check(fresh2).Held);
        var stale = new Histories().Update(7, 1, 2).Select("SELECT id, v FROM t WHERE id = 7", "r1", 20, Row(7, 1)).Server("s1", null, true, "").Report();
        Assert.Single(InvariantCatalog.ReadYourWrites.Check(stale));
    }

    // --- passing by looking at nothing ---

    [Fact]
    public void Final_state_checkers_are_inconclusive_when_the_final_source_is_down()
    {
        var r = new Histories().Insert(1, 10).Read("s1", 20, Row(1, 10)).Down("s1", isSource: true)
            .Server("r1", "s1", false, "", Status("s1"), Row(1, 99)).Report("s1");
        foreach (IInvariant i in new[] { InvariantCatalog.NoLostAckedWrite, InvariantCatalog.NoPhantomRead, InvariantCatalog.Converged })
        {
            CheckResult c = i.Check(r);
            Assert.True(c.IsInconclusive, $"{i.Name}: {c}");
            Assert.Contains("final source s1 is down", c.Reason);
        }
    }

    [Fact]
    public void An_insert_then_an_update_of_the_same_row_in_one_transaction_expects_the_updated_row()
    {
        // Found by the soak (seed 233): INSERT ...; UPDATE t SET v = v + 1 WHERE id = <the new row>.
        RowChange insert = new("t", RowChangeKind.Insert, null, Row(29, 21)), update = new("t", RowChangeKind.Update, Row(29, 21), Row(29, 22));
        var held = new Histories().Write("INSERT INTO t (v) VALUES (21); UPDATE t SET v = v + 1 WHERE id = 29", changes: [insert, update])
            .Server("s1", null, true, $"{Uuid}:1", null, Row(29, 22)).Report();
        Assert.True(InvariantCatalog.NoLostAckedWrite.Check(held).Held);
        var lost = new Histories().Write("INSERT INTO t (v) VALUES (21); UPDATE t SET v = v + 1 WHERE id = 29", changes: [insert, update])
            .Server("s1", null, true, $"{Uuid}:1", null, Row(29, 21)).Report();
        Assert.True(InvariantCatalog.NoLostAckedWrite.Check(lost).IsViolated);
    }

    [Fact]
    public void Without_gtids_an_unknown_insert_sets_aside_no_other_row()
    {
        // Acknowledged row 1 is gone; an insert with no reply (AUTO_INCREMENT) cannot explain it.
        var r = new Histories().Insert(1, 10, gtid: "").Insert(2, 20, OpOutcome.Unknown, at: 20)
            .Server("r1", null, true, "", null).Report("r1", gtid: false);
        Assert.Contains("t row 1", Assert.Single(InvariantCatalog.NoLostAckedWrite.Check(r)).Message);
    }

    [Fact]
    public void An_unknown_write_sets_aside_only_the_rows_its_where_pins()
    {
        var pinned = new Histories().Insert(1, 10, gtid: "").Insert(2, 20, gtid: "")
            .Write("UPDATE t SET v = 0 WHERE id = 1", OpOutcome.Unknown, at: 30)
            .Server("r1", null, true, "", null, Row(1, 0)).Report("r1", gtid: false);
        Violation v = Assert.Single(InvariantCatalog.NoLostAckedWrite.Check(pinned));
        Assert.Contains("t row 2", v.Message); // row 1 may have been updated; row 2 cannot have been

        var anyRow = new Histories().Insert(1, 10, gtid: "").Write("DELETE FROM t WHERE v > 5", OpOutcome.Unknown, at: 30)
            .Server("r1", null, true, "", null).Report("r1", gtid: false);
        Assert.True(InvariantCatalog.NoLostAckedWrite.Check(anyRow).Held); // the DELETE may have removed row 1
    }

    [Fact]
    public void A_lost_insert_whose_key_the_new_source_hands_out_again_is_found()
    {
        // Without GTIDs: row 5 acknowledged on s1, lost at failover; r1 later inserts its own row 5.
        var r = new Histories().Write("INSERT INTO t (v) VALUES (50)", at: 10, changes: new RowChange("t", RowChangeKind.Insert, null, Row(5, 50)))
            .Write("INSERT INTO t (v) VALUES (60)", at: 100, server: "r1", changes: new RowChange("t", RowChangeKind.Insert, null, Row(5, 60)))
            .Server("r1", null, true, "", null, Row(5, 60)).Report("r1", gtid: false);
        Assert.Contains("was gone when", Assert.Single(InvariantCatalog.NoLostAckedWrite.Check(r)).Message);

        var deleted = new Histories().Write("INSERT INTO t (v) VALUES (50)", at: 10, changes: new RowChange("t", RowChangeKind.Insert, null, Row(5, 50)))
            .Delete(5, 50, at: 50)
            .Write("INSERT INTO t (id, v) VALUES (5, 60)", at: 100, changes: new RowChange("t", RowChangeKind.Insert, null, Row(5, 60)))
            .Server("s1", null, true, "", null, Row(5, 60)).Report("s1", gtid: false);
        Assert.True(InvariantCatalog.NoLostAckedWrite.Check(deleted).Held);
    }

    // --- promotion judged from the servers, not the tool ---

    [Fact]
    public void Errant_gtids_are_computed_from_the_servers_not_from_the_failover_tool()
    {
        string r1 = UuidOf("r1");
        // The tool reports nothing errant, but r1 held a GTID of its own when the failover began.
        var lying = new Histories().Down("s1").Server("r1", null, true, $"{Uuid}:1-3,{r1}:1")
            .FailoverBegan(400, "s1", ("s1", null, null), ("r1", $"{Uuid}:1-3,{r1}:1", "s1"))
            .Failover("s1", "r1", errant: "").Report("r1");
        Assert.Contains($"errant GTIDs {r1}:1", Assert.Single(InvariantCatalog.GtidSafePromotion.Check(lying)).Message);

        // The tool claims errant GTIDs that no server had: the promotion was clean.
        var clean = new Histories().Down("s1").Server("r1", null, true, $"{Uuid}:1-3")
            .FailoverBegan(400, "s1", ("s1", null, null), ("r1", $"{Uuid}:1-3", "s1"))
            .Failover("s1", "r1", errant: "abc:1").Report("r1");
        Assert.True(InvariantCatalog.GtidSafePromotion.Check(clean).Held);

        // Refused: the directory still names s1, no one was promoted.
        var refused = new Histories().Down("s1").Server("r1", "s1", false, $"{Uuid}:1-3,{r1}:1", Status("s1"))
            .FailoverBegan(400, "s1", ("s1", null, null), ("r1", $"{Uuid}:1-3,{r1}:1", "s1")).Report("s1");
        Assert.True(InvariantCatalog.GtidSafePromotion.Check(refused).Held);

        // A re-pointed replica that cannot follow the new source.
        var stuck = new Histories().Down("s1").Server("r1", null, true, $"{Uuid}:1-3").Server("r2", "r1", false, $"{Uuid}:1-2", Status("r1", ioErr: 13114))
            .FailoverBegan(400, "s1", ("s1", null, null), ("r1", $"{Uuid}:1-3", "s1"), ("r2", $"{Uuid}:1-2", "s1")).Report("r1");
        Assert.Contains("r2 cannot follow", Assert.Single(InvariantCatalog.GtidSafePromotion.Check(stuck)).Message);
    }

    // --- exactly once, counted ---

    [Fact]
    public void A_1032_from_a_local_delete_is_not_a_re_application()
    {
        var r = new Histories().Server("s1", null, true, "").Server("r1", "s1", false, "", Status("s1", sqlErr: 1032))
            .With(s => s with { Applied = new Dictionary<string, int> { ["s1:binlog.000001:400"] = 1 } }).Report();
        Assert.True(InvariantCatalog.ExactlyOnceApply.Check(r).Held);
    }

    [Fact]
    public void A_transaction_applied_twice_on_one_server_violates_exactly_once()
    {
        var twice = new Histories().Server("s1", null, true, "").Server("r1", "s1", false, "", Status("s1"))
            .With(s => s with { Applied = new Dictionary<string, int> { ["s1:binlog.000001:400"] = 2 } }).Report();
        Assert.Contains("committed 2 times", Assert.Single(InvariantCatalog.ExactlyOnceApply.Check(twice)).Message);

        var again = new Histories().Server("s1", null, true, "").Server("r1", "s1", false, "", Status("s1", sqlErr: 1062))
            .With(s => s with { Applied = new Dictionary<string, int> { ["s1:binlog.000001:400"] = 1 }, ExecutedAfterCommit = ["s1:binlog.000001:400"] }).Report();
        Assert.Contains("executed again after it committed", Assert.Single(InvariantCatalog.ExactlyOnceApply.Check(again)).Message);

        // innodb_flush_log_at_trx_commit=2: a crash may have undone the first commit, so applying again may be right.
        var undurable = new Histories().Server("s1", null, true, "").Server("r1", "s1", false, "", Status("s1"))
            .With(s => s with { Applied = new Dictionary<string, int> { ["x"] = 2 } })
            .Define(new ServerDefinition("r1", new ServerOptions { InnodbFlushLogAtTrxCommit = FlushLogAtTrxCommit.WriteEachCommit }, "s1")).Report();
        Assert.True(InvariantCatalog.ExactlyOnceApply.Check(undurable).IsInconclusive);
    }

    // --- split brain and gaps ---

    [Fact]
    public void A_writable_old_source_never_re_pointed_is_split_brain_and_does_not_converge()
    {
        var r = new Histories().Server("r1", null, true, $"{Uuid}:1-3", null, Row(1, 10))
            .Server("s1", null, false, $"{Uuid}:1-4", null, Row(1, 10), Row(2, 20))
            .FailoverBegan(400, "s1", ("s1", null, null), ("r1", $"{Uuid}:1-3", "s1")).Report("r1");
        CheckResult split = InvariantCatalog.NoSplitBrain.Check(r);
        Assert.Contains(split, v => v.Message.Contains("r1 and s1 all end writable"));
        Assert.Contains(split, v => v.Message.Contains($"s1 holds errant GTIDs {Uuid}:4"));
        Assert.Contains("s1 is writable and replicates from no one", Assert.Single(InvariantCatalog.Converged.Check(r)).Message);

        var repointed = new Histories().Server("r1", null, true, $"{Uuid}:1-3", null, Row(1, 10))
            .Server("s1", "r1", false, $"{Uuid}:1-3", Status("r1"), Row(1, 10))
            .FailoverBegan(400, "s1", ("s1", null, null), ("r1", $"{Uuid}:1-3", "s1")).Report("r1");
        Assert.True(InvariantCatalog.NoSplitBrain.Check(repointed).Held);

        var noFailover = new Histories().Server("s1", null, true, "").Server("s2", null, false, "").Report();
        Assert.True(InvariantCatalog.NoSplitBrain.Check(noFailover).Held);
    }

    [Fact]
    public void No_gtid_gaps_fires_on_a_hole_unless_the_applier_may_leave_one()
    {
        var hole = new Histories().Server("s1", null, true, $"{Uuid}:1-5").Server("r1", "s1", false, $"{Uuid}:1-3:5", Status("s1")).Report();
        Assert.Contains($"missing {Uuid}:4", Assert.Single(InvariantCatalog.NoGtidGaps.Check(hole)).Message);
        var whole = new Histories().Server("s1", null, true, $"{Uuid}:1-5").Server("r1", "s1", false, $"{Uuid}:1-5", Status("s1")).Report();
        Assert.True(InvariantCatalog.NoGtidGaps.Check(whole).Held);
        var mts = new Histories().Server("s1", null, true, $"{Uuid}:1-5").Server("r1", "s1", false, $"{Uuid}:1-3:5", Status("s1", sqlErr: 1146))
            .Define(new ServerDefinition("r1", new ServerOptions { GtidMode = true, ReplicaParallelWorkers = 4, ReplicaPreserveCommitOrder = false }, "s1")).Report();
        Assert.True(InvariantCatalog.NoGtidGaps.Check(mts).Held); // stopped mid-way without commit order: gaps are allowed
    }

    // --- run outcomes are never evidence ---

    [Fact]
    public void A_run_cut_short_makes_the_state_checkers_inconclusive_not_violated()
    {
        // The write in flight when the step budget ran out is no availability failure.
        var h = new Histories();
        for (int i = 1; i <= 5; i++) h.Insert(i, i);
        h.Insert(6, 6, OpOutcome.Unknown, at: 100);
        RunReport livelock = h.Server("s1", null, true, $"{Uuid}:1-5", null, Row(1, 1)).Ended(RunOutcome.Livelock).Report();
        Assert.Equal(RunEnd.Livelock, livelock.End);
        foreach (IInvariant i in new[] { InvariantCatalog.Availability(), InvariantCatalog.NoLostAckedWrite, InvariantCatalog.Converged, InvariantCatalog.NoSplitBrain, InvariantCatalog.NoGtidGaps })
        {
            CheckResult c = i.Check(livelock);
            Assert.True(c.IsInconclusive, $"{i.Name}: {c}");
            Assert.Contains("run cut short", c.Reason);
        }
        RunReport timeLimit = new Histories().Server("s1", null, true, "").Ended(RunOutcome.TimeLimit).Report();
        Assert.Equal(RunEnd.TimeLimit, timeLimit.End);
        Assert.True(InvariantCatalog.Converged.Check(timeLimit).IsInconclusive);
    }
}
