using DetSim.Core.Network;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Execution;
using DetSim.Replication.Engine;
using DetSim.Replication.Replica;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Server;

// Client transactions and replicated transactions on their way into the commit pipeline.
public sealed partial class MySqlServer
{
    private readonly Dictionary<(int Node, int Session), SessionContext> _sessions = new();
    private readonly Dictionary<long, List<Action>> _lockWaiters = new();
    private TransactionStore? _spareStore;

    private void OnClientRequest(Connection from, ClientRequest request) => RunClientTransaction(from.Peer, request, from);

    /// <param name="replyTo">The client's connection; null for an administrative statement run by the harness.</param>
    private void RunClientTransaction(int from, ClientRequest request, Connection? replyTo)
    {
        // No lambda in this method: its closure would be allocated for every request, reads too
        // (the commit and the lock wait capture what they need in CommitClientTransaction).
        SessionContext session = SessionFor(from, request.Session);
        // A plain read's store, left as it found it, is taken over (a boot drops it with the old engine).
        TransactionStore store = _spareStore ?? new TransactionStore(Engine);
        _spareStore = null;
        List<LoggedStatement>? statements = null; // the writes' (the binlog logs nothing of a read): a read allocates none
        List<string>? warnings = null;
        IReadOnlyList<Value[]> rows = [];
        long xid = NextXid();
        var timestamp = Context.Now;
        bool writes = false;
        try
        {
            int before = 0;
            for (int i = 0; i < request.Sql.Count; i++) // indexed: a foreach over the interface boxed an enumerator per request
            {
                string sql = request.Sql[i];
                if (IsSessionSetting(sql) && AdminStatement.TryParse(sql) is { } setting && ApplySessionSetting(session, setting)) continue;
                session.StatementTime = Context.Now;
                StatementOutcome outcome = Statements.Run(sql, request.Templates?[i], request.Values, store, session, Options.Flavor);
                if (outcome.CreatedTable is { } created) store.CreateTable(created);
                bool isWrite = !outcome.IsReadOnly && !outcome.IsSessionOnly;
                if (isWrite && !outcome.IsDdl && RowLoggingOnly(session)) outcome = RowOnly(outcome);
                if (isWrite && ReadOnly) throw SqlError.ReadOnly();
                writes |= isWrite;
                if (outcome.IsReadOnly) rows = outcome.Rows;
                if (outcome.Warnings.Count > 0) (warnings ??= new()).AddRange(outcome.Warnings);
                if (isWrite && outcome.IsUnsafe && Options.BinlogFormat == BinlogFormat.Statement && outcome.UnsafeWarnings.Count > 0)
                    (warnings ??= new()).AddRange(outcome.UnsafeWarnings);
                if (isWrite) (statements ??= new(request.Sql.Count)).Add(new LoggedStatement(outcome, store.ChangesSince(before)));
                before = store.Changes.Count;
                session.ResetCarried();
            }
        }
        catch (Storage.SqlError error)
        {
            if (replyTo is { } c) Context.Send(c, new ClientReply(request.RequestId, error, [], [], Listed(warnings), null));
            else
            {
                LastAdminError = error;
                Note($"admin statement failed: {error}");
            }
            return;
        }
        IReadOnlyList<(string Table, long Key)> keys = store.WrittenKeys();
        long holder = keys.Count == 0 ? 0 : Locks.FindConflict(xid, keys);
        if (holder != 0)
        {
            WaitForClientLock(holder, from, request, replyTo, warnings);
            return;
        }
        if (!writes)
        {
            if (replyTo is { } c) Context.Send(c, new ClientReply(request.RequestId, null, rows, [], Listed(warnings), null));
            if (store.Pristine) _spareStore = store;
            return;
        }
        Locks.Acquire(xid, keys);
        if (!session.SqlLogBin)
        {
            CommitUnlogged(xid, store);
            if (replyTo is { } c) Context.Send(c, new ClientReply(request.RequestId, null, rows, store.Changes, Listed(warnings), null));
            OnLocksReleased();
            return;
        }
        CommitClientTransaction(request, replyTo, session, store, statements!, Listed(warnings), rows, xid, timestamp);
    }

    private static IReadOnlyList<string> Listed(List<string>? warnings) => (IReadOnlyList<string>?)warnings ?? [];

    /// <summary>
    /// Blocked on a row lock (a write, or a locking read such as SELECT ... FOR UPDATE): run again,
    /// from scratch, when the holder commits, or fail with 1205 after innodb_lock_wait_timeout.
    /// </summary>
    private void WaitForClientLock(long holder, int from, ClientRequest request, Connection? replyTo, List<string>? warnings) =>
        WaitForClientLock(holder, () => RunClientTransaction(from, request, replyTo), () =>
        {
            var timeout = new SqlError(1205, "HY000", "Lock wait timeout exceeded; try restarting transaction");
            if (replyTo is { } c) Context.Send(c, new ClientReply(request.RequestId, timeout, [], [], Listed(warnings), null));
            else LastAdminError = timeout;
        });

    private void CommitClientTransaction(ClientRequest request, Connection? replyTo, SessionContext session, TransactionStore store,
        List<LoggedStatement> statements, IReadOnlyList<string> warnings, IReadOnlyList<Value[]> rows, long xid, Core.Time.SimTime timestamp) =>
        Pipeline.Enqueue(new PendingCommit
        {
            Xid = xid,
            Store = store,
            Statements = statements,
            ThreadId = session.ConnectionId,
            AutoIncrementIncrement = session.AutoIncrementIncrement,
            AutoIncrementOffset = session.AutoIncrementOffset,
            Timestamp = timestamp,
            Listener = new ClientCommit(this, request, replyTo, rows, store, warnings),
        });

    /// <summary>A client's commit: its OK goes back on the connection once the transaction committed.</summary>
    private sealed class ClientCommit(MySqlServer server, ClientRequest request, Connection? replyTo, IReadOnlyList<Value[]> rows, TransactionStore store, IReadOnlyList<string> warnings) : ICommitListener
    {
        public void Committed(PendingCommit trx)
        {
            if (replyTo is not { } c) return;
            server.Context.Send(c, new ClientReply(request.RequestId, null, rows, store.Changes, warnings, trx.Gtid?.ToString()));
            server.AtCrashPoint(CrashPointCatalog.AfterCommitOk); // nothing of the step follows the OK: whether it stops here does not matter
        }
    }

    /// <summary>Hands an applied relay-log transaction to the commit pipeline with its origin's GTID, server id and timestamp.</summary>
    /// <returns>True when the transaction entered the commit pipeline; false when it waits for a lock and will be applied again.</returns>
    internal bool CommitReplicated(TransactionStore store, IReadOnlyList<LoggedStatement> statements, GtidEvent head, RelayTransaction trx, IReplicatedCommit job)
    {
        long xid = NextXid();
        IReadOnlyList<(string Table, long Key)> keys = store.WrittenKeys();
        long holder = Locks.FindConflict(xid, keys);
        if (holder != 0)
        {
            // A local session holds a row this transaction writes: apply it again from the relay
            // log once that session commits (what it computed may be stale now).
            WaitForLock(holder, job.Reapply);
            return false;
        }
        Locks.Acquire(xid, keys);
        if (Options.Flavor == Flavor.MariaDb1011 && head.Gtid is { } origin) NoteGtidOrigin(origin.SourceId, head.ServerId);
        QueryEvent? query = null;
        for (int i = 0; i < trx.Events.Count && query is null; i++) query = trx.Events[i].Event as QueryEvent; // a loop: LINQ allocated per transaction
        Pipeline.Enqueue(new PendingCommit
        {
            Xid = xid,
            Store = store,
            Statements = statements,
            ThreadId = query?.ThreadId ?? 0,
            AutoIncrementIncrement = query?.AutoIncrementIncrement ?? 1,
            AutoIncrementOffset = query?.AutoIncrementOffset ?? 1,
            Timestamp = head.Timestamp,
            OriginGtid = Options.GtidMode ? head.Gtid : null,
            Replicated = true,
            OriginServerId = head.ServerId,
            Position = Applier.PositionAfter(trx),
            Listener = job,
        });
        return true;
    }

    /// <summary>
    /// A write with sql_log_bin=0: the binlog caches stay empty, so MYSQL_BIN_LOG::commit goes
    /// straight to ha_commit_low (sql/binlog.cc): InnoDB commits (prepare and commit records, the redo
    /// fsync with innodb_flush_log_at_trx_commit=1), nothing is logged, no GTID is assigned, and
    /// replicas never see it (RM80 set-sql-log-bin.html).
    /// </summary>
    private void CommitUnlogged(long xid, TransactionStore store)
    {
        Engine.Prepare(new RedoPrepare(xid, store.Changes, null, null, store.CreatedTables));
        Engine.Commit(xid);
        if (Engine.Policy == FlushLogAtTrxCommit.EachCommit) Engine.SyncRedo();
        Locks.ReleaseAll(xid);
        Note($"committed xid {xid} without binlogging (sql_log_bin=0): {store.Changes.Count} row change(s)");
    }

    private static bool IsSessionSetting(string sql) =>
        // A SET statement (not every statement that starts with S: a SELECT is not scanned twice).
        sql.Length > 3 && sql.StartsWith("SET", StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(sql[3])
        && (sql.Contains("sql_log_bin", StringComparison.OrdinalIgnoreCase) || sql.Contains("isolation", StringComparison.OrdinalIgnoreCase));

    /// <summary>SET sql_log_bin and SET SESSION transaction_isolation change the session only.</summary>
    private bool ApplySessionSetting(SessionContext session, AdminStatement setting)
    {
        switch (setting)
        {
            case SetSqlLogBinStatement logBin: session.SqlLogBin = logBin.On; return true;
            case SetIsolationStatement isolation: session.Isolation = isolation.Level; return true;
            default: return false;
        }
    }

    /// <summary>
    /// READ COMMITTED and READ UNCOMMITTED: InnoDB is row-logging only, so THD::decide_logging_format
    /// (sql/sql_class.cc) refuses STATEMENT format with ER_BINLOG_STMT_MODE_AND_ROW_ENGINE (1665) and
    /// MIXED logs rows (RM80 binary-log-setting.html; the same error from MariaDB 10.11, checked by hand).
    /// </summary>
    private bool RowLoggingOnly(SessionContext session)
    {
        IsolationLevel level = session.Isolation ?? Options.TransactionIsolation;
        return level is IsolationLevel.ReadCommitted or IsolationLevel.ReadUncommitted && Options.BinlogFormat != BinlogFormat.Row;
    }

    private StatementOutcome RowOnly(StatementOutcome outcome)
    {
        if (Options.BinlogFormat == BinlogFormat.Statement)
            throw new Storage.SqlError(1665, "HY000", "Cannot execute statement: impossible to write to binary log since BINLOG_FORMAT = STATEMENT and at least one table uses a storage engine limited to row-based logging. InnoDB is limited to row-logging when transaction isolation level is READ COMMITTED or READ UNCOMMITTED.");
        return outcome with { RequiresRowUnderMixed = true };
    }

    private long _nextLockWait;
    private readonly Dictionary<long, Action> _lockWaitTimeouts = new();

    /// <summary>A client's lock wait: the retry runs when the holder commits, unless innodb_lock_wait_timeout passed first.</summary>
    private void WaitForClientLock(long holder, Action retry, Action timedOut)
    {
        long id = ++_nextLockWait;
        _lockWaitTimeouts.Add(id, timedOut);
        WaitForLock(holder, () =>
        {
            if (_lockWaitTimeouts.Remove(id)) retry();
        });
        SetTimer(Options.InnodbLockWaitTimeout, TimerKind.LockWaitTimeout, id);
    }

    internal void OnLockWaitTimeout(long id)
    {
        if (_lockWaitTimeouts.Remove(id, out Action? timedOut)) timedOut();
    }

    private void WaitForLock(long holder, Action retry)
    {
        if (!_lockWaiters.TryGetValue(holder, out List<Action>? list))
        {
            list = new List<Action>();
            _lockWaiters.Add(holder, list);
        }
        list.Add(retry);
    }

    /// <summary>Called after a group commits: everyone waiting on a released lock runs again, in arrival order.</summary>
    internal void OnLocksReleased()
    {
        if (_lockWaiters.Count == 0) return; // after nearly every group commit: nobody waits
        var ready = _lockWaiters.Keys.Where(owner => !Locks.IsHeldBy(owner)).OrderBy(o => o).ToList();
        foreach (long owner in ready)
        {
            // A retry may commit at once (a no-op needs no group commit) and release locks itself,
            // running this again: waiters it already woke are gone.
            if (!_lockWaiters.Remove(owner, out List<Action>? waiters)) continue;
            foreach (Action retry in waiters) retry();
        }
    }

    private SessionContext SessionFor(int node, int session)
    {
        if (!_sessions.TryGetValue((node, session), out SessionContext? ctx))
        {
            long connectionId = 1000 + _sessions.Count + 1;
            ctx = new SessionContext(SessionClock, Context.Random, $"app@{Context.NameOf(node)}", connectionId, Uuid,
                Options.AutoIncrementIncrement, Options.AutoIncrementOffset);
            _sessions.Add((node, session), ctx);
        }
        return ctx;
    }
}
