using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Core.Time;
using DetSim.Harness.Routing;

namespace DetSim.Harness.Failover;

/// <summary>
/// A failover tool as a node of its own, like orchestrator: asked to recover a failed source, it
/// asks every server for its status over a connection, waits for the replies or
/// <see cref="ProbeTimeout"/>, hands what it saw to the model's <see cref="IRecoveryPolicy"/>, and
/// carries out the policy's requests the same way. It never reads a server's memory: a crashed or
/// partitioned server is one it cannot see. One recovery at a time; a request to recover while one
/// runs is refused (orchestrator blocks a second recovery of a cluster in progress).
/// </summary>
public sealed class FailoverNode(IReadOnlyList<string> servers, IRecoveryPolicy policy, IRoutePublisher routes, Action<object> finished) : INode
{
    /// <summary>How long the tool waits for a status reply (orchestrator's MySQLConnectTimeoutSeconds, 1 s in docs/configuration-sample.md).</summary>
    public static readonly Duration ProbeTimeout = Duration.FromSeconds(1);

    private const long TimeoutTag = 1L << 40;
    private const long AfterTag = 2L << 40;
    private readonly Dictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (string Server, Connection Connection, Action<AdminAnswer> Then)> _pending = new();
    private readonly Dictionary<long, Action> _after = new();
    private INodeContext _ctx = null!;
    private long _nextId;
    private Recovery? _running;

    public IReadOnlyList<string> Servers => servers;
    internal SimTime Now => _ctx.Now;

    /// <summary>True while a recovery is running.</summary>
    public bool Busy => _running is not null;

    public void OnStart(INodeContext context) => _ctx = context;

    /// <summary>
    /// Starts recovering <paramref name="failedSource"/> (the failure detector's or an operator's
    /// request): ask every server for its status, then let the policy decide. The tool waits for
    /// every other server's answer (or <see cref="ProbeTimeout"/>) but not for the failed source's:
    /// it uses that one only if it is already in, as orchestrator recovers a dead primary from
    /// what the replicas say (RecoverDeadMaster, go/logic/topology_recovery.go). False when a recovery already runs.
    /// </summary>
    public bool Recover(string failedSource)
    {
        if (_running is not null) return false;
        _ctx.Note($"failover tool: recovering {failedSource}; asking {servers.Count} server(s) for their status");
        // Marks the tool busy at once: the answers come later.
        _running = new Recovery(this, failedSource, new Dictionary<string, AdminAnswer>());
        AdminAnswer? fromFailed = null;
        bool decided = false;
        if (servers.Contains(failedSource)) Ask(failedSource, policy.StatusQuery, ProbeTimeout, a => { if (!decided) fromFailed = a; });
        var others = servers.Where(s => s != failedSource).Select(s => (s, policy.StatusQuery)).ToList();
        AskAll(others, ProbeTimeout, answers =>
        {
            decided = true;
            var seen = new SortedDictionary<string, AdminAnswer>(answers.ToDictionary(), StringComparer.Ordinal);
            if (servers.Contains(failedSource))
                seen[failedSource] = fromFailed ?? new AdminAnswer(failedSource, null, null, "no answer yet (the tool does not wait on the server that failed)");
            foreach (AdminAnswer a in seen.Values.Where(a => !a.Reached))
                _ctx.Note($"failover tool: cannot see {a.Server} ({a.Unreachable})");
            _running = new Recovery(this, failedSource, seen);
            policy.Recover(_running);
        });
        return true;
    }

    internal void Ask(string server, object command, Duration timeout, Action<AdminAnswer> then)
    {
        int peer = _ctx.Lookup(server);
        if (peer < 0) { then(new AdminAnswer(server, null, null, $"unknown server '{server}'")); return; }
        if (!_connections.TryGetValue(server, out Connection c)) _connections[server] = c = _ctx.Connect(peer);
        long id = ++_nextId;
        _pending[id] = (server, c, then);
        _ctx.Send(c, new AdminRequest(id, command));
        _ctx.SetTimer(timeout, TimeoutTag | id);
    }

    internal void AskAll(IReadOnlyList<(string Server, object Command)> requests, Duration timeout, Action<IReadOnlyDictionary<string, AdminAnswer>> then)
    {
        var answers = new SortedDictionary<string, AdminAnswer>(StringComparer.Ordinal);
        if (requests.Count == 0) { then(answers); return; }
        foreach ((string server, object command) in requests)
            Ask(server, command, timeout, a =>
            {
                answers[a.Server] = a;
                if (answers.Count == requests.Count) then(answers);
            });
    }

    internal void After(Duration delay, Action then)
    {
        long id = ++_nextId;
        _after[id] = then;
        _ctx.SetTimer(delay, AfterTag | id);
    }

    internal void Note(string text) => _ctx.Note(text);

    internal void Publish(ServiceRoute route, string reason) => routes.Publish(route, reason);

    internal void Finished(Recovery recovery, object record)
    {
        if (_running == recovery) _running = null;
        finished(record);
    }

    public void OnMessage(INodeContext context, int from, object message) { }

    public void OnReceive(INodeContext context, Connection connection, object message)
    {
        if (message is not AdminReply reply || !_pending.Remove(reply.Id, out var p)) return; // late: the tool gave up on it
        p.Then(new AdminAnswer(p.Server, reply.Result, reply.Error, null));
    }

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        long id = tag & ((1L << 40) - 1);
        if ((tag & AfterTag) != 0)
        {
            if (_after.Remove(id, out Action? then)) then();
            return;
        }
        if (!_pending.Remove(id, out var p)) return;
        // No reply in time: the tool gives up on the connection too and opens a new one next time.
        bool current = _connections.TryGetValue(p.Server, out Connection c) && c == p.Connection;
        if (current)
        {
            _connections.Remove(p.Server);
            context.Close(c);
        }
        p.Then(new AdminAnswer(p.Server, null, null, "no reply in time"));
        if (current) FailAll(c, "no reply in time");
    }

    public void OnDisconnected(INodeContext context, Connection connection, CloseReason reason)
    {
        foreach (var kv in _connections.Where(kv => kv.Value == connection).ToList()) _connections.Remove(kv.Key);
        FailAll(connection, reason switch
        {
            CloseReason.Refused => "connection refused",
            CloseReason.TimedOut => "connection timed out",
            _ => "connection lost",
        });
    }

    /// <summary>Every request still waiting on <paramref name="connection"/> ends unreachable, in the order they were sent.</summary>
    private void FailAll(Connection connection, string why)
    {
        foreach (long id in _pending.Where(kv => kv.Value.Connection == connection).Select(kv => kv.Key).Order().ToList())
        {
            _pending.Remove(id, out var p);
            p.Then(new AdminAnswer(p.Server, null, null, why));
        }
    }
}
