using DetSim.Core;
using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Engine;

namespace DetSim.Replication.Server;

/// <summary>
/// Binlog group commit in MySQL 8.0's order (sql/binlog.cc ordered_commit; MYSQL-FACTS §3.1):
/// FLUSH (engine prepare made durable per innodb_flush_log_at_trx_commit, GTIDs assigned, events
/// written to the binlog page cache; with sync_binlog≠1 dump threads may send now), SYNC (fsync per
/// sync_binlog; with sync_binlog=1 dump threads may send only now), AFTER_SYNC semi-sync wait,
/// COMMIT (engine commits in binlog order), AFTER_COMMIT semi-sync wait, reply. Transactions that
/// arrive while a group is flushing or syncing form the next group.
/// </summary>
internal sealed class CommitPipeline(MySqlServer server)
{
    private readonly List<PendingCommit> _queue = new();
    private readonly Dictionary<long, List<PendingCommit>> _groups = new();
    // Groups past SYNC, waiting to commit in order (AFTER_SYNC ACKs may hold the head).
    private readonly Queue<(List<PendingCommit> Group, bool Ready)> _committing = new();
    private bool _busy;
    private long _nextGroup;
    private long _groupsSinceSync;
    private long _sequenceNumber;
    private long _maxCommittedSequence;
    private readonly Dictionary<long, bool> _redoFsyncPending = new();
    private readonly HashSet<long> _binlogFsyncPending = new();

    public int Queued => _queue.Count + _groups.Values.Sum(g => g.Count) + _committing.Sum(g => g.Group.Count);

    public void Enqueue(PendingCommit trx)
    {
        trx.EnteredAt = server.Context.Now;
        _queue.Add(trx);
        if (!_busy) StartGroup();
    }

    private void StartGroup()
    {
        if (_queue.Count == 0) return;
        _busy = true;
        var group = new List<PendingCommit>(_queue);
        _queue.Clear();
        long id = ++_nextGroup;
        _groups.Add(id, group);

        // FLUSH stage.
        foreach (PendingCommit trx in group) Prepare(trx);
        bool redoFsync = server.Engine.WriteForGroupCommit();
        foreach (PendingCommit trx in group) WriteBinlog(trx);
        if (server.Options.SyncBinlog != 1) server.PublishBinlogEnd();
        // The redo fsync is durable only when it completes, FsyncLatency from now: a crash before loses it.
        _redoFsyncPending[id] = redoFsync;
        server.SetTimer(redoFsync ? server.Options.FsyncLatency : Duration.Zero, TimerKind.FlushDone, id);
    }

    private void Prepare(PendingCommit trx)
    {
        if (server.Options.GtidMode)
            trx.Gtid = trx.OriginGtid ?? new Gtid.Gtid(server.Uuid, server.NextGno());
        if (trx.Gtid is { } g) server.OwnedGtids.Add(g);
        server.Engine.Prepare(new RedoPrepare(trx.Xid, trx.Store.Changes, trx.Gtid, trx.Position, trx.Store.CreatedTables));
    }

    private void WriteBinlog(PendingCommit trx)
    {
        bool logToBinlog = !trx.Replicated || server.Options.LogReplicaUpdates;
        if (!logToBinlog) return;
        ServerOptions o = server.Options;
        List<BinlogEvent> body = server.EventsBuilder.Body(trx.Statements, server.SchemaOf, o.BinlogFormat, o.BinlogRowImage,
            trx.Timestamp, trx.ThreadId, trx.Xid, trx.AutoIncrementIncrement, trx.AutoIncrementOffset);
        if (body.Count == 0) return; // a ROW-format no-op writes nothing and consumes no GTID
        long seq = ++_sequenceNumber;
        GtidEvent head = server.EventsBuilder.Head(body, trx.Gtid, _maxCommittedSequence, seq, trx.Replicated,
            trx.Replicated ? trx.OriginServerId : server.ServerId, trx.Timestamp);
        body.Insert(0, head);
        IReadOnlyList<LoggedEvent> logged = server.Binlog.Append(body);
        trx.Logged = true;
        trx.BinlogEnd = logged[^1].End;
    }

    public void OnFlushDone(long id)
    {
        List<PendingCommit> group = _groups[id];
        if (_redoFsyncPending.Remove(id, out bool redoFsync) && redoFsync) server.Engine.SyncRedo();
        // SYNC stage: sync_binlog=1 every group, N every N groups, 0 never (the OS decides).
        bool sync = server.Options.SyncBinlog == 1 || (server.Options.SyncBinlog > 1 && ++_groupsSinceSync >= server.Options.SyncBinlog);
        if (sync && group.Any(t => t.Logged))
        {
            _groupsSinceSync = 0;
            _binlogFsyncPending.Add(id);
            server.SetTimer(server.Options.FsyncLatency, TimerKind.SyncDone, id);
        }
        else
        {
            OnSyncDone(id);
        }
    }

    public void OnSyncDone(long id)
    {
        // The binlog fsync completes now; until this instant a power loss could take the group's events.
        if (_binlogFsyncPending.Remove(id)) server.Binlog.Sync();
        _groups.Remove(id, out List<PendingCommit>? group);
        Invariant.That(group is not null, "a group finishes its sync once");
        if (server.Options.SyncBinlog == 1) server.PublishBinlogEnd();
        if (server.Binlog.NeedsRotation) server.RotateBinlog();

        var entry = (Group: group!, Ready: false);
        _committing.Enqueue(entry);
        _busy = false;
        AfterSync(group!);
        if (_queue.Count > 0) StartGroup();
    }

    private void AfterSync(List<PendingCommit> group)
    {
        // AFTER_SYNC: wait for the group's last binlog position before any engine commit.
        PendingCommit? last = group.LastOrDefault(t => t.Logged);
        if (server.SemiSync.Enabled && server.SemiSync.WaitPoint == SemiSyncWaitPoint.AfterSync && last is not null)
        {
            foreach (PendingCommit t in group) t.WaitedForAck = true;
            server.WaitForAck(last.BinlogEnd, _ => MarkReady(group));
        }
        else
        {
            MarkReady(group);
        }
    }

    private void MarkReady(List<PendingCommit> group)
    {
        // Replace the queue entry's flag; groups commit strictly in binlog order.
        int n = _committing.Count;
        for (int i = 0; i < n; i++)
        {
            (List<PendingCommit> g, bool ready) = _committing.Dequeue();
            _committing.Enqueue((g, ready || ReferenceEquals(g, group)));
        }
        while (_committing.Count > 0 && _committing.Peek().Ready) Commit(_committing.Dequeue().Group);
    }

    private void Commit(List<PendingCommit> group)
    {
        foreach (PendingCommit trx in group)
        {
            server.Engine.Commit(trx.Xid);
            if (trx.Gtid is { } g)
            {
                server.GtidExecuted.Add(g);
                server.OwnedGtids.Remove(g);
            }
            server.Locks.ReleaseAll(trx.Xid);
        }
        _maxCommittedSequence = _sequenceNumber;
        foreach (PendingCommit trx in group)
        {
            if (server.SemiSync.Enabled && server.SemiSync.WaitPoint == SemiSyncWaitPoint.AfterCommit && trx.Logged)
            {
                trx.WaitedForAck = true;
                server.WaitForAck(trx.BinlogEnd, _ => trx.OnCommitted(trx));
            }
            else
            {
                trx.OnCommitted(trx);
            }
        }
        server.OnLocksReleased();
    }
}
