using DetSim.Core;
using DetSim.Core.Disk;
using DetSim.Replication.Gtid;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Engine;

/// <summary>
/// The transactional storage engine, reduced to what replication durability depends on: committed
/// tables, the redo log (prepare and commit records, written and flushed per
/// innodb_flush_log_at_trx_commit), mysql.gtid_executed and mysql.slave_relay_log_info written in the
/// same transaction, and crash recovery that commits exactly the prepared transactions the binlog
/// holds (RM80 binary-log.html; MYSQL-FACTS §3.2).
/// </summary>
public sealed class InnoDb
{
    public const string RedoFileName = "ib_redo";
    private readonly SortedDictionary<string, Table> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly SimFile _redo;
    // Redo records not yet written to the file (innodb_flush_log_at_trx_commit=0 keeps them in the log buffer).
    private readonly List<object> _logBuffer = new();
    private readonly Dictionary<long, RedoPrepare> _prepared = new();

    public InnoDb(SimDisk disk, FlushLogAtTrxCommit policy)
    {
        Policy = policy;
        _redo = disk.OpenOrCreate(RedoFileName);
    }

    public FlushLogAtTrxCommit Policy { get; }

    /// <summary>mysql.gtid_executed: GTIDs this engine committed.</summary>
    public GtidSet GtidTable { get; private set; } = new();

    /// <summary>mysql.slave_relay_log_info: the applier position committed with the last applied transaction.</summary>
    public ApplierPosition? ApplierPosition { get; private set; }

    public IEnumerable<Table> Tables => _tables.Values;

    // The table last looked up, by the name string it was asked for: a statement asks for its table
    // several times by the same string, and the case-insensitive tree lookup showed in profiles.
    private (string? Name, Table? Table) _last;

    public Table? Table(string name)
    {
        if (ReferenceEquals(name, _last.Name)) return _last.Table;
        Table? t = _tables.GetValueOrDefault(name);
        _last = (name, t);
        return t;
    }

    public int PreparedCount => _prepared.Count;

    /// <summary>Provisions the server from a backup: durable at once.</summary>
    public void LoadBaseline(RedoBaseline baseline)
    {
        Invariant.That(_redo.Length == 0, "a baseline is loaded into an empty engine");
        _redo.Append(baseline, 64 + baseline.Tables.Sum(t => t.Rows.Count * 16));
        _redo.Fsync();
        ApplyBaseline(baseline);
    }

    /// <summary>Engine prepare: the redo record goes to the log buffer (written at the group's flush).</summary>
    public void Prepare(RedoPrepare record)
    {
        Invariant.That(!_prepared.ContainsKey(record.Xid), "an xid is prepared once");
        _prepared.Add(record.Xid, record);
        _logBuffer.Add(record);
    }

    /// <summary>
    /// The FLUSH stage's ha_flush_logs: writes the prepare records per the policy (=1 and =2 write
    /// them now, =0 leaves them in the log buffer until the once-per-second flush). Returns whether
    /// an fsync must follow (=1), which the pipeline issues when the fsync's latency has passed.
    /// </summary>
    public bool WriteForGroupCommit()
    {
        if (Policy == FlushLogAtTrxCommit.EverySecond) return false;
        WriteBuffer();
        return Policy == FlushLogAtTrxCommit.EachCommit;
    }

    /// <summary>Completes the redo fsync of a group commit: the prepare records are durable from now on.</summary>
    public void SyncRedo() => _redo.Fsync();

    /// <summary>Engine commit in binlog order: rows become visible, GTID and applier position recorded.</summary>
    public void Commit(long xid)
    {
        Invariant.That(_prepared.Remove(xid, out RedoPrepare? record), "commit of an xid that was prepared");
        Apply(record!);
        _logBuffer.Add(new RedoCommit(xid));
        // The commit record needs no fsync of its own: the prepare record and the binlog decide recovery.
        if (Policy != FlushLogAtTrxCommit.EverySecond) WriteBuffer();
    }

    public void Rollback(long xid)
    {
        if (_prepared.Remove(xid)) _logBuffer.Add(new RedoRollback(xid));
    }

    /// <summary>The background once-per-second write and flush (innodb_flush_log_at_timeout).</summary>
    public void BackgroundFlush()
    {
        WriteBuffer();
        if (_redo.HasUnsyncedData) _redo.Fsync();
    }

    /// <summary>
    /// ha_flush_logs as binlog rotation calls it (sql/binlog.cc new_file_impl): the log buffer is
    /// written and fsynced, so commit records of the old file's transactions survive a power loss
    /// and recovery never has to look for their xids in an older binlog file.
    /// </summary>
    public void FlushLogs()
    {
        WriteBuffer();
        _redo.Fsync();
    }

    /// <summary>
    /// Rebuilds the engine from its redo file after a crash: committed transactions are redone;
    /// prepared ones are committed when the binlog holds their xid, else rolled back. Returns the
    /// xids committed during recovery (some may never have been acknowledged: Bug #99370) and the
    /// ones rolled back.
    /// </summary>
    public EngineRecovery Recover(ISet<long> binlogXids)
    {
        _tables.Clear();
        _last = default;
        _prepared.Clear();
        _logBuffer.Clear();
        GtidTable = new GtidSet();
        ApplierPosition = null;
        var pending = new Dictionary<long, RedoPrepare>();
        var order = new List<long>();
        foreach (FileChunk c in _redo.Chunks)
        {
            switch (c.Value)
            {
                case RedoBaseline b: ApplyBaseline(b); break;
                case RedoPrepare p: pending[p.Xid] = p; order.Add(p.Xid); break;
                case RedoCommit cm when pending.Remove(cm.Xid, out RedoPrepare? p): Apply(p); break;
                case RedoRollback rb: pending.Remove(rb.Xid); break;
            }
        }
        var committed = new List<long>();
        var rolledBack = new List<long>();
        foreach (long xid in order)
        {
            if (!pending.Remove(xid, out RedoPrepare? p)) continue;
            if (binlogXids.Contains(xid))
            {
                Apply(p);
                _redo.Append(new RedoCommit(xid), 16);
                committed.Add(xid);
            }
            else
            {
                _redo.Append(new RedoRollback(xid), 16);
                rolledBack.Add(xid);
            }
        }
        _redo.Fsync();
        return new EngineRecovery(committed, rolledBack);
    }

    public void CreateTable(TableSchema schema)
    {
        if (!_tables.ContainsKey(schema.Name)) _tables.Add(schema.Name, new Table(schema));
        _last = default;
    }

    private void WriteBuffer()
    {
        foreach (object rec in _logBuffer)
        {
            int size = rec is RedoPrepare p ? p.Size : 16;
            _redo.Append(rec, size);
        }
        _logBuffer.Clear();
    }

    private void Apply(RedoPrepare record)
    {
        foreach (TableSchema schema in record.CreatedTables) CreateTable(schema);
        for (int i = 0; i < record.Changes.Count; i++) // indexed: no boxed enumerator per commit
            _tables[record.Changes[i].Table].ApplyChange(record.Changes[i]);
        if (record.Gtid is { } g) GtidTable.Add(g);
        if (record.Position is not null) ApplierPosition = record.Position;
    }

    private void ApplyBaseline(RedoBaseline baseline)
    {
        foreach ((TableSchema schema, IReadOnlyList<Value[]> rows) in baseline.Tables)
        {
            CreateTable(schema);
            foreach (Value[] row in rows) _tables[schema.Name].Insert(row);
        }
    }
}
