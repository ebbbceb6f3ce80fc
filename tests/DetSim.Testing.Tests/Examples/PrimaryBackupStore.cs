using DetSim.Core.Nodes;
using DetSim.Core.Time;

namespace DetSim.Testing.Tests.Examples;

// A user's own distributed code: a primary-backup key-value store, written sans-IO against
// INode. The primary has a deliberate bug when ackBeforeBackup is set: it acknowledges a write
// at once and ships it to the backup in a batch every 20 ms, so a primary crash loses acknowledged writes.

public sealed record Put(long Key, long Value);
public sealed record Replicate(long Key, long Value, int Client);
public sealed record Replicated(long Key, int Client);
public sealed record PutOk(long Key);
public sealed record Acked(long Key);

public sealed class Primary(bool ackBeforeBackup) : INode
{
    private readonly Dictionary<long, long> _data = new();
    private readonly List<Replicate> _batch = new();

    public void OnStart(INodeContext context)
    {
        if (ackBeforeBackup) context.SetTimer(Duration.FromMillis(20), 0);
    }

    public void OnMessage(INodeContext context, int from, object message)
    {
        switch (message)
        {
            case Put put when ackBeforeBackup:
                // The bug: acknowledge now, ship to the backup with the next batch.
                _data[put.Key] = put.Value;
                _batch.Add(new Replicate(put.Key, put.Value, from));
                context.Send(from, new PutOk(put.Key));
                break;
            case Put put:
                _data[put.Key] = put.Value;
                context.Send(context.Lookup("backup"), new Replicate(put.Key, put.Value, from));
                break;
            case Replicated done:
                if (!ackBeforeBackup) context.Send(done.Client, new PutOk(done.Key));
                break;
        }
    }

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        foreach (Replicate r in _batch) context.Send(context.Lookup("backup"), r);
        _batch.Clear();
        context.SetTimer(Duration.FromMillis(20), 0);
    }
}

public sealed class Backup : INode
{
    private readonly Dictionary<long, long> _data = new();

    public bool Has(long key) => _data.ContainsKey(key);

    public void OnStart(INodeContext context) { }

    public void OnMessage(INodeContext context, int from, object message)
    {
        if (message is not Replicate r) return;
        _data[r.Key] = r.Value;
        context.Send(from, new Replicated(r.Key, r.Client));
    }

    public void OnTimer(INodeContext context, long tag, object? state) { }
}

/// <summary>Writes key 1, 2, 3, ... every 5 ms and reports each acknowledgement to the harness.</summary>
public sealed class Writer : INode
{
    private long _next;

    public void OnStart(INodeContext context) => context.SetTimer(Duration.FromMillis(5), 0);

    public void OnMessage(INodeContext context, int from, object message)
    {
        if (message is PutOk ok) context.Observe(new Acked(ok.Key));
    }

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        context.Send(context.Lookup("primary"), new Put(++_next, _next * 10));
        if (_next < 200) context.SetTimer(Duration.FromMillis(5), 0);
    }
}
