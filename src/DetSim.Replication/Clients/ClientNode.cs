using DetSim.Harness.History;
using System.Globalization;
using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Clients;

/// <summary>
/// A group of client sessions. Each session sends one transaction at a time, waits for the reply
/// (or gives up after the request timeout), thinks, and goes again until its duration ends. Every
/// request and its end are handed to the harness as history (stamped with true time). It reads
/// where to send from the service's front door (<see cref="IServiceView"/>), which it cannot change.
/// With <c>until: failover</c> a session sends nothing new once a failover has published a new route.
/// </summary>
public sealed class ClientNode(ClientOptions options, IServiceView directory) : INode
{
    private const long TickTag = 1L << 40;
    private const long TimeoutTag = 2L << 40;
    private readonly Session[] _sessions = new Session[options.Sessions];
    private SimTime _end;
    private ServiceRoute _firstRoute = null!;
    private long _counter;
    private long _nextOp;
    private readonly int _totalWeight = options.Transactions.Sum(t => t.Weight);

    /// <summary>
    /// One session's state. A session has at most one request in flight (<see cref="OpId"/> 0: none). Its
    /// timeout is one timer per session, not one per request: when it fires before the request in flight is
    /// due, it is set again for the rest (as the receiver's net timeout is), so a request answered in
    /// microseconds leaves no stale timer behind, and the one that is due still times out at its send
    /// time plus the timeout.
    /// </summary>
    private struct Session
    {
        public long OpId;
        public SimTime Deadline;
        public bool TimerSet;
        public string? Server;
        public Connection Connection;
    }

    public ClientOptions Options => options;

    public void OnStart(INodeContext context)
    {
        _end = options.Start + options.Duration;
        _firstRoute = directory.Current;
        for (int s = 0; s < options.Sessions; s++)
        {
            // Sessions start staggered so they do not all hit the server in the same microsecond.
            Duration offset = (options.Start - SimTime.Zero) + new Duration(context.Random.NextLong(0, Math.Max(0, Math.Min(options.Think.Micros, options.Duration.Micros) - 1)));
            context.SetTimer(offset, TickTag | (uint)s);
        }
    }

    public void OnMessage(INodeContext context, int from, object message)
    {
        if (message is not ClientReply reply) return;
        int session = SessionOf(context, reply.RequestId);
        if (session < 0) return; // late reply after a timeout
        ref Session state = ref _sessions[session];
        long opId = state.OpId;
        state.OpId = 0;
        context.Observe(new OpCompleted(opId, reply.Ok ? OpOutcome.Ok : OpOutcome.Failed, reply.Error?.Code ?? 0, reply.Error?.Message,
            reply.Rows, reply.Changes, reply.Gtid));
        // No think time: the session sends its next request now, as a client in a loop does, without a timer event between.
        if (options.Think == Duration.Zero) Tick(context, session);
        else context.SetTimer(options.Think, TickTag | (uint)session);
    }

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        int session = (int)(tag & 0xFFFFFFFF);
        if ((tag & TimeoutTag) != 0) OnTimeoutTimer(context, session);
        else Tick(context, session);
    }

    private void Tick(INodeContext context, int session)
    {
        if (context.Now >= _end || _sessions[session].OpId != 0 || Stopped) return;
        SendNext(context, session);
    }

    private void OnTimeoutTimer(INodeContext context, int session)
    {
        ref Session state = ref _sessions[session];
        state.TimerSet = false;
        if (state.OpId == 0) return; // answered; the next request sets the timer again
        if (context.Now < state.Deadline)
        {
            ArmTimeout(context, session, state.Deadline - context.Now);
            return;
        }
        long opId = state.OpId;
        state.OpId = 0;
        // The client's read timeout gives up on the connection too; the next request opens a new one.
        if (state.Server is not null) context.Close(state.Connection);
        state.Server = null;
        context.Observe(new OpCompleted(opId, OpOutcome.Unknown, 0, "timeout: no reply", [], [], null));
        context.SetTimer(options.Think, TickTag | (uint)session);
    }

    private void ArmTimeout(INodeContext context, int session, Duration after)
    {
        _sessions[session].TimerSet = true;
        context.SetTimer(after, TimeoutTag | (uint)session);
    }

    /// <summary>A request's id: this node's number and the op id.</summary>
    private static long RequestIdOf(INodeContext context, long opId) => ((long)context.Self << 32) | opId;

    /// <summary>The session whose request in flight this reply answers, or -1.</summary>
    private int SessionOf(INodeContext context, long requestId)
    {
        for (int s = 0; s < _sessions.Length; s++)
            if (_sessions[s].OpId != 0 && RequestIdOf(context, _sessions[s].OpId) == requestId) return s;
        return -1;
    }

    private void SendNext(INodeContext context, int session)
    {
        if (options.Transactions.Count == 0) return;
        TransactionTemplate template = PickTemplate(context.Random);
        string? server = PickServer(context, template.Target ?? options.Target);
        if (server is null) return;
        long key = context.Random.NextLong(template.KeyMin, template.KeyMax);
        long n = ++_counter;
        var values = new TemplateValues(key, n, session);
        IReadOnlyList<string> sql = template.Literal ? template.Sql : Fill(template, values);
        long opId = ++_nextOp;
        ref Session state = ref _sessions[session];
        state.OpId = opId;
        state.Deadline = context.Now + options.RequestTimeout;
        context.Observe(new OpInvoked(opId, options.Name, session, server, sql, template.IsRead));
        context.Send(ConnectionTo(context, session, server), new ClientRequest(RequestIdOf(context, opId), session, sql) { Templates = template.Sql, Values = values });
        if (!state.TimerSet) ArmTimeout(context, session, options.RequestTimeout);
    }

    private static string[] Fill(TransactionTemplate template, TemplateValues values)
    {
        var sql = new string[template.Sql.Count];
        for (int i = 0; i < sql.Length; i++) sql[i] = template.Filled[i].Fill(values);
        return sql;
    }

    /// <summary>A session keeps one connection to one server; it opens a new one when it is sent elsewhere (a failover) or lost the old.</summary>
    private Connection ConnectionTo(INodeContext context, int session, string server)
    {
        ref Session state = ref _sessions[session];
        if (state.Server is not null)
        {
            if (state.Server == server) return state.Connection;
            context.Close(state.Connection);
        }
        state.Connection = context.Connect(context.Lookup(server));
        state.Server = server;
        return state.Connection;
    }

    /// <summary>
    /// The server went away. A request that never got through the connect failed (2003); one that
    /// was sent may or may not have committed (2013, "Lost connection to MySQL server during query").
    /// </summary>
    public void OnDisconnected(INodeContext context, Connection connection, CloseReason reason)
    {
        for (int session = 0; session < _sessions.Length; session++)
        {
            ref Session state = ref _sessions[session];
            if (state.Server is null || state.Connection != connection) continue;
            state.Server = null;
            if (state.OpId == 0) continue;
            long opId = state.OpId;
            state.OpId = 0;
            context.Observe(reason == CloseReason.Refused
                ? new OpCompleted(opId, OpOutcome.Failed, 2003, "Can't connect to MySQL server (connection refused)", [], [], null)
                : new OpCompleted(opId, OpOutcome.Unknown, 2013, "Lost connection to MySQL server during query", [], [], null));
            context.SetTimer(options.Think, TickTag | (uint)session);
        }
    }

    /// <summary><c>until: failover</c> and a failover has published a route other than the first.</summary>
    private bool Stopped => options.Until == ClientStop.Failover && !ReferenceEquals(directory.Current, _firstRoute);

    private string? PickServer(INodeContext context, TargetSelector target) => target.Resolve(directory.Current, context.Random);

    private TransactionTemplate PickTemplate(IChoiceSource random)
    {
        IReadOnlyList<TransactionTemplate> all = options.Transactions;
        int x = random.NextInt(_totalWeight);
        for (int i = 0; i < all.Count; i++) // indexed: a foreach over the interface boxed an enumerator per request
        {
            if (x < all[i].Weight) return all[i];
            x -= all[i].Weight;
        }
        return all[^1];
    }
}
