using DetSim.Core.Faults;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Clients;

/// <summary>
/// A session's request timeout is one timer per session, set again while its request is not due
/// yet. The request still times out at its send time plus the timeout, a late reply changes
/// nothing, and answered requests leave no timer of their own behind.
/// </summary>
public class ClientTimeoutTests
{
    private static readonly Duration Timeout = Duration.FromMillis(50);

    private static RunReport Run(ulong seed, Duration think) =>
        ScenarioRunner.Run(new Scenario
        {
            Servers = [new ServerDefinition("s1", new ServerOptions { GtidMode = true, ServerId = 1 })],
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL)")],
            Clients = [new ClientOptions { Name = "w", Sessions = 2, Duration = Duration.FromMillis(400), Think = think, RequestTimeout = Timeout, Transactions = [new TransactionTemplate(1, ["INSERT INTO t (id, v) VALUES ({n}, 1)"])] }],
            // The server stops answering for 200 ms: requests sent meanwhile are answered only after their timeout.
            Faults = new FaultPlan().At(SimTime.FromMillis(100), new PauseFault("s1", Duration.FromMillis(200))),
            TimeLimit = SimTime.FromSeconds(5),
            CaptureTrace = true,
        }, seed, MySqlDialect.Instance);

    [Theory]
    [InlineData(1UL, 1000)]
    [InlineData(2UL, 0)]
    [InlineData(3UL, 250)]
    public void A_request_times_out_at_its_send_time_plus_the_timeout_and_a_late_reply_changes_nothing(ulong seed, long thinkMicros)
    {
        RunReport report = Run(seed, Duration.FromMicros(thinkMicros));
        var timedOut = report.History.Where(o => o.Error == "timeout: no reply").ToList();
        Assert.NotEmpty(timedOut);
        foreach (Operation op in timedOut)
        {
            Assert.Equal(OpOutcome.Unknown, op.Outcome);
            Assert.Equal(op.Invoked + Timeout, op.Completed);
        }
        // Answered before the pause: every request sent then is answered in far less than the timeout.
        Assert.All(report.History.Where(o => o.Completed < SimTime.FromMillis(100)), o => Assert.Equal(OpOutcome.Ok, o.Outcome));
        // One request at a time per session: a late reply never ends a later request.
        foreach (var session in report.History.GroupBy(o => o.Session))
        {
            var ops = session.OrderBy(o => o.Invoked).ToList();
            for (int i = 1; i < ops.Count; i++) Assert.True(ops[i].Invoked >= ops[i - 1].Completed, $"session {session.Key}: op {ops[i].Id} sent before op {ops[i - 1].Id} ended");
        }
    }

    [Fact]
    public void Answered_requests_leave_no_timer_behind()
    {
        RunReport report = Run(1, Duration.Zero);
        int requests = report.History.Count;
        int clientTimers = report.TraceText!.Split('\n').Count(l => l.Contains(" timer ", StringComparison.Ordinal) && l.TrimEnd().EndsWith("client-w", StringComparison.Ordinal));
        Assert.True(requests > 100, $"{requests} requests");
        // No think time: no timer between a reply and the next request; a timeout timer per session about once per timeout.
        Assert.True(clientTimers < requests / 4, $"{clientTimers} client timer events for {requests} requests");
    }
}
