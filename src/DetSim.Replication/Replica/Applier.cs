using DetSim.Core;
using DetSim.Core.Disk;
using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Replica;

/// <summary>
/// The applier (SQL) thread and, with replica_parallel_workers &gt; 1, its coordinator and workers
/// (LOGICAL_CLOCK: a transaction may start once every transaction up to its last_committed has
/// committed). With replica_preserve_commit_order=ON workers commit in relay-log order; OFF, a later
/// transaction can commit first and Exec_Source_Log_Pos is only a low-water mark (RM80
/// replication-features-transaction-inconsistencies.html). The position is committed with each
/// transaction (TABLE repository, crash-safe) or written to relay-log.info after it (FILE). Without
/// commit order the stored position is the low-water mark plus the transactions after it already
/// committed (mysql.slave_worker_info); a restart skips exactly those and applies the gaps
/// (sql/rpl_replica.cc mts_recovery_groups, START REPLICA UNTIL SQL_AFTER_MTS_GAPS; RM80
/// replication-solutions-unexpected-replica-halt.html).
/// </summary>
internal sealed class Applier
{
    public const string RelayLogInfoFile = "relay-log.info";
    private readonly IApplierHost _server;
    // By relay index. Sorted lists, not trees: a handful of entries, added in index order, and the
    // oldest read on every commit (a tree's enumerator allocated a stack each time).
    private readonly SortedList<int, InFlight> _inFlight = new();
    private readonly HashSet<long> _committedSequences = new(); // only asked whether it holds one
    // Committed after the low-water mark, by relay index: the workers' group bitmaps.
    private readonly SortedList<int, BinlogCoordinates> _doneAfterLowWater = new();
    // Committed before the restart after the stored low-water mark, by source end: skipped when met again.
    private readonly SortedSet<BinlogCoordinates> _recovered;
    // Handed to the commit pipeline and not committed yet: they commit before anything handed over later.
    private readonly SortedDictionary<int, BinlogCoordinates> _pipelined = new();
    // Model self-checks: each relay transaction finishes once, each GTID commits once, ordered commits stay ordered.
    private readonly HashSet<int> _finished = new();
    private readonly Gtid.GtidSet _appliedGtids = new(); // intervals: a run's GTIDs in a few entries, not a hash entry each
    private int _lastCommittedIndex = -1;
    private long _infoWritesSinceSync;

    internal Applier(IApplierHost server, ApplierPosition start)
    {
        _server = server;
        Position = start with { DoneAfter = null };
        NextIndex = (int)start.RelayIndex;
        _recovered = new SortedSet<BinlogCoordinates>(start.DoneAfter ?? []);
        if (_recovered.Count > 0)
            server.Note($"MTS recovery: {_recovered.Count} transaction(s) after the checkpoint {Position.SourcePosition} were already applied; the gaps before them are applied, they are skipped");
    }

    /// <summary>Without commit order a later transaction may commit first (LOGICAL_CLOCK workers).</summary>
    private bool CommitsOutOfOrder => _server.Options.ReplicaParallelWorkers > 1 && !_server.Options.ReplicaPreserveCommitOrder;

    public ReplicaThreadState State { get; private set; } = ReplicaThreadState.Stopped;

    /// <summary>The source's timestamp of the transaction applied last or now (null before the first).</summary>
    public SimTime? LastSourceTimestamp { get; private set; }

    /// <summary>Relay_Source_Log_File / Exec_Source_Log_Pos and the relay index: the low-water mark.</summary>
    public ApplierPosition Position { get; private set; }

    /// <summary>Next relay-log index the coordinator reads.</summary>
    public int NextIndex { get; private set; }

    public int LastSqlErrno { get; private set; }
    public string LastSqlError { get; private set; } = "";
    public long Applied { get; private set; }
    public long Skipped { get; private set; }
    public bool Idle => _inFlight.Count == 0 && RelayTransaction.EndOf(_server.Relay, NextIndex) < 0;

    /// <summary>Whole transactions received and not applied yet (in flight or still in the relay log).</summary>
    public int Backlog
    {
        get
        {
            // Counted in place, not read: the failover manager asks while a large backlog drains.
            int n = _inFlight.Count;
            for (int i = NextIndex, end; (end = RelayTransaction.EndOf(_server.Relay, i)) >= 0; i = end)
                if (_server.Relay.At(i)!.Event is GtidEvent) n++;
            return n;
        }
    }

    private readonly List<Action> _caughtUpWaiters = new();

    /// <summary>
    /// Calls <paramref name="then"/> once the SQL thread has applied everything received so far, or
    /// stopped (SOURCE_POS_WAIT / WAIT_FOR_EXECUTED_GTID_SET return when the applier reaches the
    /// position or stops): at once if that is already so, else when its last transaction commits.
    /// </summary>
    public void WhenCaughtUp(Action then)
    {
        _caughtUpWaiters.Add(then);
        NotifyIfCaughtUp();
    }

    private void NotifyIfCaughtUp()
    {
        if (_caughtUpWaiters.Count == 0 || (State == ReplicaThreadState.Running && !Idle)) return;
        var waiters = _caughtUpWaiters.ToList();
        _caughtUpWaiters.Clear();
        foreach (Action w in waiters) w();
    }

    public void Start()
    {
        if (State == ReplicaThreadState.Error) return;
        State = ReplicaThreadState.Running;
        Kick();
    }

    public void Stop()
    {
        State = ReplicaThreadState.Stopped;
        NotifyIfCaughtUp();
    }

    /// <summary>Dispatches every relay-log transaction that may start now.</summary>
    public void Kick()
    {
        while (State == ReplicaThreadState.Running && _inFlight.Count < _server.Options.ReplicaParallelWorkers)
        {
            // A transaction waits while an earlier commit it depends on is running; judged from its
            // GTID event before it is read, so every commit that does not free it copies nothing.
            if (_inFlight.Count > 0 && _server.Relay.At(NextIndex)?.Event is GtidEvent next && !MayStartInParallel(next.LastCommitted)) return;
            RelayTransaction? trx = RelayTransaction.Read(_server.Relay, NextIndex);
            if (trx is null) return;
            if (trx.Head is null)
            {
                // Rotate (or a stray event): nothing to apply, only the position moves. A multi-threaded
                // coordinator first waits for every worker (EVENT_EXEC_SYNC, Log_event::
                // get_mts_execution_mode), and commit-parent numbers start again in the next file (a
                // restarted source numbers from 1), so what it knew of them is forgotten.
                if (_server.Options.ReplicaParallelWorkers > 1 && _inFlight.Count > 0) return; // Finish kicks again
                NextIndex = trx.EndIndex;
                if (_inFlight.Count == 0) Advance(trx);
                _committedSequences.Clear();
                continue;
            }
            NextIndex = trx.EndIndex;
            // rli->last_master_timestamp: the source timestamp of the oldest transaction being applied
            // (exec_relay_log_event; for workers the oldest job group), read by Seconds_Behind_Source.
            if (_inFlight.Count == 0) LastSourceTimestamp = trx.Head.Timestamp;
            long work = _server.NextWorkId(); // unique per server: a replaced applier's timers must not match this one's workers
            _inFlight.Add(trx.FirstIndex, new InFlight(this, work, trx));
            int rows = 0;
            for (int i = 0; i < trx.Events.Count; i++) // a loop: LINQ's enumerator was allocated per transaction
                if (trx.Events[i].Event is RowsEvent r) rows += r.Rows.Count;
            Duration cost = _server.Options.ApplyCostPerTransaction + _server.Options.ApplyCostPerRow * Math.Max(1, rows);
            if (_server.Options.ReplicaParallelWorkers > 1)
                cost = new Duration(cost.Micros * _server.Context.Random.NextLong(2, 6) / 4); // workers run at uneven speeds, 0.5x to 1.5x: apply_cost stays the mean
            _server.SetTimer(cost, TimerKind.WorkerDone, work);
        }
    }

    public void OnWorkerDone(long work)
    {
        InFlight? job = null;
        for (int i = 0; i < _inFlight.Count && job is null; i++)
            if (_inFlight.Values[i].Work == work) job = _inFlight.Values[i];
        if (job is null || State != ReplicaThreadState.Running) return;
        job.Executed = true;
        if (_server.Options.ReplicaParallelWorkers > 1 && _server.Options.ReplicaPreserveCommitOrder)
        {
            SubmitInOrder();
        }
        else
        {
            Execute(job);
        }
    }

    /// <summary>
    /// replica_preserve_commit_order: the oldest executed transactions go on to commit in relay-log
    /// order, and one that waits (for a row lock) holds back every later one, as the commit order
    /// manager makes later workers wait (sql/rpl_replica_commit_order_manager.cc).
    /// </summary>
    private void SubmitInOrder()
    {
        // A copy, as Execute may finish jobs (and call back in here); pooled, not a list per commit.
        int count = _inFlight.Count;
        InFlight[] jobs = System.Buffers.ArrayPool<InFlight>.Shared.Rent(count);
        _inFlight.Values.CopyTo(jobs, 0);
        for (int i = 0; i < count; i++)
        {
            InFlight j = jobs[i];
            if (!j.Executed) break;
            if (!j.Submitted) Execute(j);
            if (!j.Queued && _inFlight.ContainsKey(j.Trx.FirstIndex)) break;
        }
        System.Buffers.ArrayPool<InFlight>.Shared.Return(jobs, clearArray: true);
    }

    private bool MayStartInParallel(long lc)
    {
        if (_server.Options.ReplicaParallelWorkers <= 1) return false;
        // LOGICAL_CLOCK: every transaction up to last_committed (lc) must have committed.
        for (int i = 0; i < _inFlight.Count; i++)
        {
            long sequence = _inFlight.Values[i].Trx.SequenceNumber;
            if (sequence <= lc && !_committedSequences.Contains(sequence)) return false;
        }
        return true;
    }

    private void Execute(InFlight job)
    {
        job.Submitted = true;
        RelayTransaction trx = job.Trx;
        GtidEvent head = trx.Head!;
        if (head.Gtid is { } g && (_server.GtidExecuted.Contains(g) || _server.OwnedGtids.Contains(g)))
        {
            // GTID auto-skip: already committed here; no statement runs (RM80 replication-gtids-concepts.html).
            Skipped++;
            Finish(job);
            return;
        }
        if (_recovered.Remove(trx.SourceEnd))
        {
            // A worker committed it before the restart (its bit in slave_worker_info): not a gap, skip it.
            Skipped++;
            Finish(job);
            return;
        }
        string applied = job.Applied = TransactionApplied.KeyOf(head, trx, _server.Source?.SourceName);
        _server.Context.Observe(new TransactionApplied(applied, Committed: false));
        var store = new TransactionStore(_server.Engine);
        var statements = new List<LoggedStatement>();
        SessionContext? session = null; // made for the first event that needs one: a ROW transaction's never does
        int before = 0;
        LoggedEvent? current = null;
        try
        {
            for (int k = 0; k < trx.Events.Count; k++) // indexed: a foreach over the interface boxed an enumerator per transaction
            {
                LoggedEvent e = trx.Events[k];
                current = e;
                switch (e.Event)
                {
                    case RowsEvent rows:
                        for (int i = 0; i < rows.Rows.Count; i++) store.ApplyRowChange(rows.Rows[i], rows.Image); // indexed: no boxed enumerator
                        break;
                    case IntvarEvent { Kind: IntvarKind.InsertId } iv: (session ??= _server.NewApplierSession()).InsertIdOverride = iv.Value; break;
                    case IntvarEvent { Kind: IntvarKind.LastInsertId } lv: (session ??= _server.NewApplierSession()).LastInsertId = lv.Value; break;
                    case RandEvent r: (session ??= _server.NewApplierSession()).RandSeedOverride = (r.Seed1, r.Seed2); break;
                    case UserVarEvent u: (session ??= _server.NewApplierSession()).UserVariables[u.Name] = u.Value; break;
                    case QueryEvent { IsBegin: true }: break;
                    case QueryEvent q:
                        session ??= _server.NewApplierSession();
                        session.StatementTime = q.Timestamp;
                        session.ConnectionId = q.ThreadId;
                        session.AutoIncrementIncrement = q.AutoIncrementIncrement;
                        session.AutoIncrementOffset = q.AutoIncrementOffset;
                        StatementOutcome outcome = _server.Statements.Run(q.Sql, store, session, _server.Options.Flavor);
                        // DDL arrives as a Query event in every format and runs as the source ran it (RM80 binary-log-formats.html).
                        if (outcome.CreatedTable is { } created) store.CreateTable(created);
                        statements.Add(new LoggedStatement(outcome, store.ChangesSince(before)));
                        before = store.Changes.Count;
                        session.ResetCarried();
                        break;
                }
            }
        }
        catch (SqlError error)
        {
            Fail(error, trx, current);
            return;
        }
        // Xid_apply_log_event::do_apply_event: before the position is updated, and after (TABLE: staged with the commit).
        if (_server.AtCrashPoint(CrashPointCatalog.BeforeUpdatePos) || _server.AtCrashPoint(CrashPointCatalog.AfterUpdatePosBeforeApply)) return;
        // ROW events become statements for the replica's own binlog (log_replica_updates).
        if (store.Changes.Count > before || statements.Count == 0)
            statements.Add(new LoggedStatement(RowOnlyOutcome, store.ChangesSince(before)));
        job.Queued = _server.CommitReplicated(store, statements, head, trx, job);
    }

    private void OnJobCommitted(InFlight job, PendingCommit committed)
    {
        _server.Context.Observe(new TransactionApplied(job.Applied, Committed: true));
        // Committed; FILE's relay-log.info is written only in Finish (Xid_log_event::do_commit, then do_apply_event).
        if (_server.AtCrashPoint(CrashPointCatalog.AfterApply) || _server.AtCrashPoint(CrashPointCatalog.AfterCommitBeforeUpdatePos)) return;
        OnCommitted(job, committed);
    }

    /// <summary>A local session released a row the job writes: apply it again from the relay log.</summary>
    private void Reapply(InFlight job)
    {
        if (State != ReplicaThreadState.Running) return;
        Execute(job);
        if (!CommitsOutOfOrder && _server.Options.ReplicaParallelWorkers > 1) SubmitInOrder();
    }

    private static readonly StatementOutcome RowOnlyOutcome = new() { Sql = "/* row events */", RequiresRowUnderMixed = true };

    private void OnCommitted(InFlight job, PendingCommit committed)
    {
        if (committed.Gtid is { } g)
        {
            Invariant.That(!_appliedGtids.Contains(g), $"GTID {g} is applied once on {_server.Name}");
            _appliedGtids.Add(g);
        }
        // Single-threaded, or with replica_preserve_commit_order: commits (and the positions stored with them) in relay-log order.
        if (!CommitsOutOfOrder)
            Invariant.That(job.Trx.FirstIndex > _lastCommittedIndex, $"{_server.Name} commits relay transactions in order (relay#{job.Trx.FirstIndex} after relay#{_lastCommittedIndex})");
        _lastCommittedIndex = Math.Max(_lastCommittedIndex, job.Trx.FirstIndex);
        Finish(job);
    }

    private void Finish(InFlight job)
    {
        Invariant.That(_finished.Add(job.Trx.FirstIndex), $"relay transaction relay#{job.Trx.FirstIndex} is applied once on {_server.Name}");
        _inFlight.Remove(job.Trx.FirstIndex);
        _pipelined.Remove(job.Trx.FirstIndex);
        _committedSequences.Add(job.Trx.SequenceNumber);
        _doneAfterLowWater[job.Trx.FirstIndex] = job.Trx.SourceEnd;
        Applied++;
        // The low-water mark: the oldest transaction not yet committed bounds the position.
        int lowWater = _inFlight.Count == 0 ? NextIndex : _inFlight.Keys[0];
        Invariant.That(lowWater >= Position.RelayIndex, $"the low-water mark of {_server.Name} never moves backwards");
        if (lowWater > Position.RelayIndex || _inFlight.Count == 0)
        {
            // Position = end of the last transaction before the oldest in-flight one (with none in
            // flight, the last one dispatched: without commit order that need not be this one).
            BinlogCoordinates coords = Position.SourcePosition;
            for (int i = lowWater - 1; i >= Position.RelayIndex; i--)
            {
                LoggedEvent? e = _server.Relay.At(i);
                if (e is not null) { coords = e.End; break; }
            }
            Position = new ApplierPosition(coords, lowWater);
            while (_doneAfterLowWater.Count > 0 && _doneAfterLowWater.Keys[0] < lowWater) _doneAfterLowWater.RemoveAt(0);
            if (!_server.Options.PositionInTable) SaveRelayLogInfo();
        }
        else if (!_server.Options.PositionInTable && CommitsOutOfOrder)
        {
            SaveRelayLogInfo(); // the worker info files change with every commit
        }
        Kick();
        NotifyIfCaughtUp();
    }

    private void Advance(RelayTransaction trx)
    {
        Position = new ApplierPosition(trx.SourceEnd, trx.EndIndex);
        if (!_server.Options.PositionInTable) SaveRelayLogInfo();
    }

    /// <summary>
    /// The applier position to commit with a transaction (TABLE repository); null with FILE. Called
    /// as the transaction enters the commit pipeline: without commit order it is the low-water mark
    /// and every transaction after it that is committed or ahead in the pipeline, plus this one.
    /// </summary>
    public ApplierPosition? PositionAfter(RelayTransaction trx)
    {
        if (!_server.Options.PositionInTable) return null;
        if (!CommitsOutOfOrder) return new ApplierPosition(trx.SourceEnd, trx.EndIndex);
        _pipelined[trx.FirstIndex] = trx.SourceEnd;
        return Checkpoint(_pipelined.Values);
    }

    private ApplierPosition Checkpoint(IEnumerable<BinlogCoordinates> alsoDone)
    {
        if (!CommitsOutOfOrder) return Position;
        var done = new SortedSet<BinlogCoordinates>(_recovered);
        done.UnionWith(_doneAfterLowWater.Values);
        done.UnionWith(alsoDone);
        return Position with { DoneAfter = done.ToArray() };
    }

    private void SaveRelayLogInfo()
    {
        SimFile f = _server.Context.Disk.OpenOrCreate(RelayLogInfoFile);
        ApplierPosition info = Checkpoint([]);
        f.Overwrite(info, 64 + 16 * (info.DoneAfter?.Count ?? 0));
        if (++_infoWritesSinceSync >= _server.Options.SyncRelayLogInfo)
        {
            f.Fsync();
            _infoWritesSinceSync = 0;
        }
    }

    private void Fail(SqlError error, RelayTransaction e, LoggedEvent? failed)
    {
        State = ReplicaThreadState.Error;
        LastSqlErrno = error.Code;
        string gtid = e.Head?.Gtid?.ToString() ?? "ANONYMOUS";
        LastSqlError = _server.Options.Flavor == Flavor.MariaDb1011
            ? MariaDbErrorText.ApplierError(error, failed)
            : $"Worker 1 failed executing transaction '{gtid}' at source log {e.SourceEnd.File}, end_log_pos {e.SourceEnd.Position}; {error.Message}, Error_code: {error.Code}";
        _server.Note($"applier error {error.Code}: {LastSqlError}");
        _inFlight.Clear();
        NotifyIfCaughtUp();
    }

    /// <summary>A relay transaction a worker runs; it hears its own commit (a listener of its own, not a closure per transaction).</summary>
    private sealed class InFlight(Applier owner, long work, RelayTransaction trx) : IReplicatedCommit
    {
        public long Work { get; } = work;
        public RelayTransaction Trx { get; } = trx;
        public bool Executed { get; set; }
        public bool Submitted { get; set; }

        /// <summary>In the commit pipeline (not waiting for a row lock to be applied again).</summary>
        public bool Queued { get; set; }

        /// <summary>The key its TransactionApplied observations carry.</summary>
        public string Applied { get; set; } = "";

        public void Committed(PendingCommit trx) => owner.OnJobCommitted(this, trx);

        public void Reapply() => owner.Reapply(this);
    }
}
