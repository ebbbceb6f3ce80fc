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
/// arrive while a group is flushing or syncing form the next group. A group whose flush takes the
/// binlog past max_binlog_size rotates it after its commit stage, once every transaction written to
/// the old file has committed in the engine (<see cref="TryRotate"/>).
/// </summary>
internal sealed class CommitPipeline(ICommitHost server)
{
    private readonly List<PendingCommit> _queue = new();
    // One delegate for every transaction's events (a method group argument allocates one per call).
    private readonly Func<string, Storage.TableSchema> _schemaOf = server.SchemaOf;
    private readonly Dictionary<long, List<PendingCommit>> _groups = new();
    // Groups past SYNC, waiting to commit in order (AFTER_SYNC ACKs may hold the head).
    private readonly Queue<(long Id, List<PendingCommit> Group, bool Ready)> _committing = new();
    private bool _busy;
    private long _nextGroup;
    private long _lastCommittedGroup;
    private long _groupsSinceSync;
    private long _sequenceNumber;
    private long _maxCommittedSequence;
    private readonly Dictionary<long, bool> _redoFsyncPending = new();
    private readonly HashSet<long> _binlogFsyncPending = new();
    // Transactions written to the binlog and not yet committed in the engine (m_atomic_prep_xids).
    private int _preparedInBinlog;
    // The group whose flush took the file past max_binlog_size (ordered_commit's do_rotate): 0 if none.
    private long _rotateAfterGroup;
    // A rotation holds LOCK_log: no group flushes until the old file's prepared XIDs have drained.
    private bool _rotating;

    /// <summary>True while a rotation waits for prepared transactions of the old file to commit.</summary>
    public bool RotationPending => _rotating || _rotateAfterGroup != 0;

    public int Queued => _queue.Count + _groups.Values.Sum(g => g.Count) + _committing.Sum(g => g.Group.Count);

    public void Enqueue(PendingCommit trx)
    {
        trx.EnteredAt = server.Context.Now;
        if (!trx.Replicated && TransactionEventsBuilder.LeavesCachesEmpty(trx.Statements, server.Options.BinlogFormat))
        {
            CommitWithoutBinlog(trx);
            return;
        }
        // ordered_commit entry: DBUG_EXECUTE_IF("crash_commit_before_log") (CrashPointCatalog).
        if (server.Dying || server.AtCrashPoint(CrashPointCatalog.CommitBeforeLog)) return;
        _queue.Add(trx);
        if (!_busy) StartGroup();
    }

    /// <summary>
    /// A client transaction that left both binlog caches empty (a ROW-logged UPDATE or DELETE that
    /// matched no row): MYSQL_BIN_LOG::commit skips ordered_commit and calls ha_commit_low, so no
    /// GTID is assigned (automatic GTIDs are assigned in the flush stage) and nothing is logged
    /// (sql/binlog.cc MYSQL_BIN_LOG::commit, binlog_cache_data::is_binlog_empty). Under STATEMENT the
    /// same statement is logged and takes the normal path.
    /// </summary>
    private void CommitWithoutBinlog(PendingCommit trx)
    {
        Invariant.That(trx.Store.Changes.Count == 0 && trx.Store.CreatedTables.Count == 0, "a transaction with empty binlog caches changed nothing");
        server.Locks.ReleaseAll(trx.Xid);
        trx.Listener.Committed(trx);
        server.OnLocksReleased();
    }

    private void StartGroup()
    {
        if (_queue.Count == 0 || _rotating || server.Dying) return;
        _busy = true;
        var group = new List<PendingCommit>(_queue);
        _queue.Clear();
        long id = ++_nextGroup;
        _groups.Add(id, group);

        // FLUSH stage: the engine's prepare records are made durable (ha_flush_logs, per
        // innodb_flush_log_at_trx_commit) before the group's events are written to the binlog
        // (process_flush_stage_queue), so the binlog never holds a transaction whose prepare a
        // crash can lose. The redo fsync is durable only when it completes, FsyncLatency from now.
        foreach (PendingCommit trx in group) Prepare(trx);
        bool redoFsync = server.Engine.WriteForGroupCommit();
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
        List<BinlogEvent> body = server.EventsBuilder.Body(trx.Statements, _schemaOf, o.BinlogFormat, o.BinlogRowImage,
            trx.Timestamp, trx.ThreadId, trx.Xid, trx.AutoIncrementIncrement, trx.AutoIncrementOffset);
        if (body.Count == 0) return; // a ROW-format no-op writes nothing and consumes no GTID
        long seq = ++_sequenceNumber;
        GtidEvent head = server.EventsBuilder.Head(body, trx.Gtid, _maxCommittedSequence, seq, trx.Replicated,
            trx.Replicated ? trx.OriginServerId : server.ServerId, trx.Timestamp);
        trx.BinlogEnd = server.Binlog.Append(head, body);
        trx.Logged = true;
        _preparedInBinlog++;
    }

    public void OnFlushDone(long id)
    {
        List<PendingCommit> group = _groups[id];
        if (_redoFsyncPending.Remove(id, out bool redoFsync) && redoFsync) server.Engine.SyncRedo();
        foreach (PendingCommit trx in group) WriteBinlog(trx);
        if (CrashPointFor(group, CrashPointCatalog.AfterFlushBinlog)) return;
        // process_flush_stage_queue: past max_binlog_size, this group rotates after its commit stage.
        if (_rotateAfterGroup == 0 && server.Binlog.NeedsRotation) _rotateAfterGroup = id;
        if (server.Options.SyncBinlog != 1) server.PublishBinlogEnd();
        if (CrashPointFor(group, CrashPointCatalog.CommitAfterLog)) return;
        // SYNC stage: sync_binlog=1 every group, N every N groups, 0 never (the OS decides).
        bool sync = server.Options.SyncBinlog == 1 || (server.Options.SyncBinlog > 1 && ++_groupsSinceSync >= server.Options.SyncBinlog);
        if (sync && LastLogged(group) is not null)
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

        var entry = (Id: id, Group: group!, Ready: false);
        _committing.Enqueue(entry);
        _busy = false;
        AfterSync(group!);
        // AfterSync may have committed, woken lock waiters and started the next group already: one
        // group flushes at a time, or a later group could reach the commit stage first.
        if (_queue.Count > 0 && !_busy) StartGroup();
    }

    private void AfterSync(List<PendingCommit> group)
    {
        // AFTER_SYNC: wait for the group's last binlog position before any engine commit.
        PendingCommit? last = LastLogged(group);
        if (server.SemiSync.Enabled && server.SemiSync.WaitPoint == SemiSyncWaitPoint.AfterSync && last is not null)
        {
            foreach (PendingCommit t in group) t.WaitedForAck = true;
            MarkReadyAfterAck(group, last.BinlogEnd);
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
            (long id, List<PendingCommit> g, bool ready) = _committing.Dequeue();
            _committing.Enqueue((id, g, ready || ReferenceEquals(g, group)));
        }
        while (_committing.Count > 0 && _committing.Peek().Ready && !server.Dying)
        {
            (long id, List<PendingCommit> g, _) = _committing.Dequeue();
            Commit(id, g);
        }
    }

    private void Commit(long id, List<PendingCommit> group)
    {
        Invariant.That(id > _lastCommittedGroup, $"{server.Name} commits groups in binlog order (group {id} after {_lastCommittedGroup})");
        _lastCommittedGroup = id;
        foreach (PendingCommit trx in group)
        {
            server.Engine.Commit(trx.Xid);
            if (trx.Logged) _preparedInBinlog--;
            if (trx.Gtid is { } g)
            {
                server.GtidExecuted.Add(g);
                server.OwnedGtids.Remove(g);
            }
            if (server.AtCrashPoint(CrashPointCatalog.CommitBeforeUnlog)) return;
            server.Locks.ReleaseAll(trx.Xid);
        }
        _maxCommittedSequence = _sequenceNumber;
        foreach (PendingCommit trx in group)
        {
            if (server.SemiSync.Enabled && server.SemiSync.WaitPoint == SemiSyncWaitPoint.AfterCommit && trx.Logged)
            {
                ReplyAfterAck(trx);
            }
            else if (!Reply(trx))
            {
                return;
            }
        }
        Invariant.That(_preparedInBinlog >= 0, "a transaction leaves the prepared state once");
        // ordered_commit: the leader of the group that passed max_binlog_size rotates after its commit stage.
        if (id == _rotateAfterGroup)
        {
            _rotateAfterGroup = 0;
            _rotating = true;
        }
        TryRotate();
        server.OnLocksReleased();
    }

    // The two waits for an ACK are methods of their own: a lambda in the method that decides to wait
    // was a closure allocated on every call (C# makes it where the captured variable is declared),
    // for every transaction and group, semi-sync or not.
    private void MarkReadyAfterAck(List<PendingCommit> group, BinlogCoordinates end) => server.WaitForAck(end, _ => MarkReady(group));

    private void ReplyAfterAck(PendingCommit trx)
    {
        trx.WaitedForAck = true;
        server.WaitForAck(trx.BinlogEnd, _ => Reply(trx));
    }

    /// <summary>ha_commit_trans returns (DBUG_EXECUTE_IF("crash_commit_after")), then the client hears. False when the server dies first.</summary>
    private bool Reply(PendingCommit trx)
    {
        if (server.Dying || server.AtCrashPoint(CrashPointCatalog.CommitAfter)) return false;
        trx.Listener.Committed(trx);
        return true;
    }

    /// <summary>Each logged transaction of the group arrives at the point in turn; true when one fires it.</summary>
    private bool CrashPointFor(List<PendingCommit> group, string point)
    {
        foreach (PendingCommit trx in group)
            if (trx.Logged && server.AtCrashPoint(point)) return true;
        return false;
    }

    private static PendingCommit? LastLogged(List<PendingCommit> group)
    {
        for (int i = group.Count - 1; i >= 0; i--)
            if (group[i].Logged) return group[i];
        return null;
    }

    /// <summary>FLUSH BINARY LOGS: the same rotation, waiting for prepared transactions like a size-triggered one.</summary>
    public void RequestRotation()
    {
        _rotating = true;
        TryRotate();
    }

    /// <summary>
    /// MYSQL_BIN_LOG::new_file_impl: with LOCK_log held (no group flushes), wait until no
    /// transaction of the old file is still prepared (wait_for_prep_xids), make the engine's redo
    /// durable (ha_flush_logs), then write the Rotate event and open the new file. So every prepared
    /// XID a crash leaves behind is in the newest file, the only one recovery scans.
    /// </summary>
    private void TryRotate()
    {
        if (!_rotating || _preparedInBinlog > 0) return;
        _rotating = false;
        server.Engine.FlushLogs();
        server.RotateBinlogNow();
        if (!_busy) StartGroup();
    }
}
