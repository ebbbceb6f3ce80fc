using DetSim.Checking;
using DetSim.Cli.Explanation;
using DetSim.Replication.Scenarios;

namespace DetSim.Explain.Tests;

/// <summary>The narrative of each seed scenario names the right servers, transactions and times, checked against the raw trace.</summary>
public class NarrativeTests
{
    [Fact]
    public void Async_lost_write_names_the_crash_the_acknowledged_transaction_and_the_promoted_replica()
    {
        RunStory story = Runs.Story("02-async-failover-loses-acked-writes.yaml");
        string text = Runs.Text(story);
        string crash = Runs.TraceLinesMatching(story, @" crash +s1 ").Single();
        Assert.Contains($"{Runs.TimeOf(crash)}  s1 crashed (power-loss)", text);
        Violation v = story.Outcome.Violations.First(x => x.Invariant == "no_lost_acked_write");
        Operation lost = story.Report!.History.Single(o => o.Id == v.Operations[0]);
        // The lost transaction, its client and when it was acknowledged, as in the history.
        Assert.Contains($"op#{lost.Id} client-shop session {lost.Session} on s1", text);
        Assert.Contains($"GTID {lost.Gtid}", text);
        Assert.Contains($"[{lost.Sql[0]}] from {MySqlText.Ms(lost.Invoked)} to {MySqlText.Ms(lost.Completed!.Value)}: OK", text);
        // What each replica had received when s1 went down: the last binlog delivery before the crash.
        foreach (string r in new[] { "r1", "r2" })
        {
            string last = Runs.TraceLinesMatching(story, $@" deliver +{r} <- s1 binlog ").Last(l => Runs.MicrosOf(l) <= Runs.MicrosOf(crash));
            string pos = last.Split(' ').Last();
            Assert.Contains($"{r} had received binlog up to {pos} (last received at {Runs.TimeOf(last)})", text);
        }
        string failover = Runs.TraceLinesMatching(story, @" note +failover at ").Single();
        Assert.Contains($"{Runs.TimeOf(failover)}  failover promoted {story.Report.Failovers[0].NewSource} (was s1)", text);
        Assert.Contains($"{lost.Gtid} was in gtid_executed of none; not of r1, r2", text);
        Assert.InRange(text.Split('\n').Length, 10, 60);
    }

    [Fact]
    public void After_commit_phantom_names_the_read_from_the_crashed_source_and_the_new_source()
    {
        RunStory story = Runs.Story("03-semisync-after-commit-phantom-read.yaml");
        string text = Runs.Text(story);
        Assert.Contains("semi-sync AFTER_COMMIT", text);
        Violation v = story.Outcome.Violations.First(x => x.Invariant == "no_phantom_read");
        Operation read = story.Report!.History.Single(o => o.Id == v.Operations[0]);
        Assert.True(read.IsRead);
        Assert.Contains($"op#{read.Id} client-reader session {read.Session} on s1 [{read.Sql[0]}] from {MySqlText.Ms(read.Invoked)} to {MySqlText.Ms(read.Completed!.Value)}", text);
        string crash = Runs.TraceLinesMatching(story, @" crash +s1 ").Single();
        Assert.Contains($"{Runs.TimeOf(crash)}  s1 crashed", text);
        // The read came before the crash, the ACK for it never did.
        Assert.True(read.Completed!.Value.Micros < story.Marks.First(m => m.Kind == MarkKind.Crash).Micros);
        string lastAck = Runs.TraceLinesMatching(story, @" deliver +s1 <- r2 ack ").Last(l => Runs.MicrosOf(l) <= Runs.MicrosOf(crash));
        Assert.Contains($"its last semi-sync ACK reached s1 at {Runs.TimeOf(lastAck)} for {lastAck.Split(' ').Last()}", text);
        Assert.Contains($"failover promoted {story.Report.Failovers[0].NewSource} (was s1)", text);
        Assert.Contains("no_phantom_read at", text);
    }

    [Fact]
    public void Position_failover_names_the_old_coordinates_and_the_error_they_give()
    {
        RunStory story = Runs.Story("06-position-failover-lagging-replica-cannot-follow.yaml");
        string text = Runs.Text(story);
        Assert.Contains("re-pointed r2 to it by their own binlog coordinates (positions in the OLD source's binlog)", text);
        string change = Runs.TraceLinesMatching(story, @" note +r2 r2: CHANGE REPLICATION SOURCE").Single();
        Assert.Contains("r2: CHANGE REPLICATION SOURCE TO SOURCE_HOST='r1', SOURCE_LOG_FILE='binlog.000001', SOURCE_LOG_POS=", text);
        Assert.Contains(change[(change.IndexOf("SOURCE_LOG_POS=", StringComparison.Ordinal))..], text);
        string error = Runs.TraceLinesMatching(story, @" note +r2 r2: receiver error 13114").First();
        Assert.Contains($"{Runs.TimeOf(error)}  r2: receiver error 13114: Got fatal error 1236", text);
        Assert.Contains("converged at", text);
    }

    [Fact]
    public void Errant_gtid_names_the_stray_write_the_candidates_and_the_server_that_cannot_follow()
    {
        RunStory story = Runs.Story("09-errant-gtid-promoted-anyway.yaml");
        string text = Runs.Text(story);
        string r1Uuid = story.Report!.Server("r1")!.Uuid;
        Assert.Contains("100.000 ms  fault: sql r1: INSERT INTO posts (likes) VALUES (999)", text);
        Assert.Contains($"r1 held errant GTIDs {r1Uuid}:1", text);
        FailoverSnapshot snap = story.Report.FailoverSnapshots.Single();
        Assert.Contains($"candidates' gtid_executed: r1 [{snap.Servers.Single(s => s.Name == "r1").GtidExecuted}]; r2 [{snap.Servers.Single(s => s.Name == "r2").GtidExecuted}]", text);
        string error = Runs.TraceLinesMatching(story, @" note +r2 r2: applier error 1062").Single();
        Assert.Contains($"{Runs.TimeOf(error)}  r2: applier error 1062: Worker 1 failed executing transaction '{r1Uuid}:1'", text);
        Assert.Contains("failover promoted r1 (was s1)", text);
    }

    [Fact]
    public void Purged_gtids_name_the_partition_the_purge_and_error_1236()
    {
        RunStory story = Runs.Story("10-purged-gtids-error-1236.yaml");
        string text = Runs.Text(story);
        Assert.Contains("200.000 ms  fault: partition s1 <-> r2", text);
        string purge = Runs.TraceLinesMatching(story, @" note +s1 s1: PURGE BINARY LOGS").Single();
        Assert.Contains($"{Runs.TimeOf(purge)}  s1: PURGE BINARY LOGS TO 'binlog.000002'", text);
        string error = Runs.TraceLinesMatching(story, @" note +r2 r2: receiver error 13114").First();
        Assert.Contains($"{Runs.TimeOf(error)}  r2: receiver error 13114: Got fatal error 1236 from source when reading data from binary log: 'Cannot replicate because the source purged required binary logs.", text);
        // Not cut: the whole reason is there, to the GTID set the replica sent.
        Assert.Contains(story.Outcome.Violations.Single().Message, text);
    }

    [Fact]
    public void Active_active_1062_names_both_servers_and_the_colliding_writes()
    {
        RunStory story = Runs.Story("16-active-active-without-offsets.yaml");
        string text = Runs.Text(story);
        foreach (var (server, other) in new[] { ("s1", "s2"), ("s2", "s1") })
        {
            string error = Runs.TraceLinesMatching(story, $@" note +{server} {server}: applier error 1062").First();
            string uuid = story.Report!.Server(other)!.Uuid;
            Assert.Contains($"{Runs.TimeOf(error)}  {server}: applier error 1062: Worker 1 failed executing transaction '{uuid}:1'", text);
            Operation write = story.Report.History.Single(o => o.Gtid == uuid + ":1");
            Assert.Contains($"{uuid}:1 was op#{write.Id} by client-{write.Client} on {other}", text);
            Assert.Contains($"replication_running at 3300.000 ms: {server} (replica of {other}): applier stopped with error 1062", text);
        }
    }

    [Fact]
    public void A_seed_where_everything_held_says_so_and_is_still_drawn()
    {
        RunStory story = Runs.Story("12-row-format-converges.yaml");
        string text = Runs.Text(story);
        Assert.Contains("Every checked invariant held (converged", text);
        Assert.Contains("What broke:\n  nothing: every checked invariant held", text);
        string html = HtmlExplanation.Render(story, Narrative.Build(story));
        Assert.NotEmpty(story.Messages);
        Assert.Contains("\"lanes\":[{\"name\":\"s1\"", html);
    }

    [Fact]
    public void A_run_cut_short_by_the_time_limit_is_drawn_up_to_where_it_stopped()
    {
        string dir = Runs.TempDir("time-limit");
        string file = Path.Combine(dir, "short.yaml");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(Runs.Repo, "specs", "02-async-failover-loses-acked-writes.yaml")) + "\ntime_limit: 700ms\n");
        var spec = Cli.SpecFiles.LoadOne(file);
        RunStory story = RunStory.Run(spec, 1);
        Assert.Equal(RunEnd.TimeLimit, story.Report!.End);
        string text = Runs.Text(story);
        Assert.Contains("RUN TIMELIMIT: run cut short: time limit 0.700000s reached before the cluster settled. Drawn up to where it stopped (700.000 ms)", text);
        Assert.Equal(700_000, story.EndMicros);
        Assert.All(story.Messages, m => Assert.True(m.AtMicros <= 700_000));
        Assert.NotEmpty(story.Messages);
    }
}
