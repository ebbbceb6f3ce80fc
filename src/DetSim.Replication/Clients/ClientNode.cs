using DetSim.Harness.History;
using System.Globalization;
using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Server;

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
    private readonly Dictionary<long, (int Session, long OpId)> _inFlight = new();
    private readonly Dictionary<int, long> _sessionOp = new();
    private readonly Dictionary<int, (string Server, Connection Connection)> _connections = new();
    private INodeContext _ctx = null!;
    private SimTime _end;
    private ServiceRoute _firstRoute = null!;
    private long _counter;
    private long _nextOp;
    private readonly int _totalWeight = options.Transactions.Sum(t => t.Weight);

    public ClientOptions Options => options;

    public void OnStart(INodeContext context)
    {
        _ctx = context;
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
        if (message is not ClientReply reply || !_inFlight.Remove(reply.RequestId, out var op)) return; // late reply after a timeout
        _sessionOp.Remove(op.Session);
        context.Observe(new OpCompleted(op.OpId, reply.Ok ? OpOutcome.Ok : OpOutcome.Failed, reply.Error?.Code ?? 0, reply.Error?.Message,
            reply.Rows, reply.Changes, reply.Gtid));
        context.SetTimer(options.Think, TickTag | (uint)op.Session);
    }

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        int session = (int)(tag & 0xFFFFFFFF);
        if ((tag & TimeoutTag) != 0)
        {
            long requestId = ((ClientRequest)state!).RequestId;
            if (!_inFlight.Remove(requestId, out var op)) return;
            _sessionOp.Remove(session);
            // The client's read timeout gives up on the connection too; the next request opens a new one.
            if (_connections.Remove(session, out var stuck)) context.Close(stuck.Connection);
            context.Observe(new OpCompleted(op.OpId, OpOutcome.Unknown, 0, "timeout: no reply", [], [], null));
            context.SetTimer(options.Think, TickTag | (uint)session);
            return;
        }
        if (context.Now >= _end || _sessionOp.ContainsKey(session) || Stopped) return;
        SendNext(context, session);
    }

    private void SendNext(INodeContext context, int session)
    {
        if (options.Transactions.Count == 0) return;
        TransactionTemplate template = PickTemplate(context.Random);
        string? server = PickServer(context, template.Target ?? options.Target);
        if (server is null) return;
        long key = context.Random.NextLong(template.KeyMin, template.KeyMax);
        long n = ++_counter;
        var sql = new string[template.Sql.Count];
        for (int i = 0; i < sql.Length; i++) sql[i] = Fill(template.Sql[i], key, n, session);
        long opId = ++_nextOp;
        long requestId = ((long)context.Self << 32) | opId;
        _inFlight.Add(requestId, (session, opId));
        _sessionOp[session] = opId;
        context.Observe(new OpInvoked(opId, options.Name, session, server, sql, template.IsRead));
        var request = new ClientRequest(requestId, session, sql);
        context.Send(ConnectionTo(context, session, server), request);
        context.SetTimer(options.RequestTimeout, TimeoutTag | (uint)session, request); // the request as the timer's state: no boxed id

    }

    /// <summary>A session keeps one connection to one server; it opens a new one when it is sent elsewhere (a failover) or lost the old.</summary>
    private Connection ConnectionTo(INodeContext context, int session, string server)
    {
        if (_connections.TryGetValue(session, out var open))
        {
            if (open.Server == server) return open.Connection;
            context.Close(open.Connection);
        }
        Connection c = context.Connect(context.Lookup(server));
        _connections[session] = (server, c);
        return c;
    }

    /// <summary>
    /// The server went away. A request that never got through the connect failed (2003); one that
    /// was sent may or may not have committed (2013, "Lost connection to MySQL server during query").
    /// </summary>
    public void OnDisconnected(INodeContext context, Connection connection, CloseReason reason)
    {
        foreach (int session in _connections.Where(kv => kv.Value.Connection == connection).Select(kv => kv.Key).ToList())
        {
            _connections.Remove(session);
            if (!_sessionOp.Remove(session, out long opId)) continue;
            long requestId = _inFlight.First(kv => kv.Value.OpId == opId).Key;
            _inFlight.Remove(requestId);
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

    private static string Fill(string sql, long key, long n, int session)
    {
        // Formats a number only where its placeholder is (a read without one allocates nothing).
        if (sql.Contains('?', StringComparison.Ordinal)) sql = sql.Replace("?", key.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (sql.Contains("{n}", StringComparison.Ordinal)) sql = sql.Replace("{n}", n.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (sql.Contains("{session}", StringComparison.Ordinal)) sql = sql.Replace("{session}", session.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return sql;
    }
}
