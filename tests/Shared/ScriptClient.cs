using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Replication.Server;

namespace DetSim.Tests.Shared;

/// <summary>
/// A client the test drives statement by statement, as it drives the real servers: one connection
/// per server, one request at a time, every reply kept.
/// </summary>
internal sealed class ScriptClient : INode
{
    private readonly Dictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<long, ClientReply> _replies = new();
    private INodeContext? _ctx;
    private long _next;

    public void OnStart(INodeContext context) => _ctx = context;

    public long Send(string server, IReadOnlyList<string> sql) => Send(server, 1, sql);

    /// <summary>Sends on session <paramref name="session"/> of the server (sessions are a server's separate client connections).</summary>
    public long Send(string server, int session, IReadOnlyList<string> sql)
    {
        INodeContext ctx = _ctx ?? throw new InvalidOperationException("the simulation has not booted the client yet");
        if (!_connections.TryGetValue(server, out Connection c))
            _connections[server] = c = ctx.Connect(ctx.Lookup(server));
        long id = ++_next;
        ctx.Send(c, new ClientRequest(id, session, sql));
        return id;
    }

    public ClientReply? Reply(long id) => _replies.GetValueOrDefault(id);

    public void OnMessage(INodeContext context, int from, object message)
    {
        if (message is ClientReply r) _replies[r.RequestId] = r;
    }

    public void OnTimer(INodeContext context, long tag, object? state) { }

    public void OnReceive(INodeContext context, Connection connection, object message) => OnMessage(context, connection.Peer, message);

    public void OnDisconnected(INodeContext context, Connection connection, CloseReason reason)
    {
        foreach (var kv in _connections.Where(kv => kv.Value == connection).ToList()) _connections.Remove(kv.Key);
    }
}
