using DetSim.Replication.Engine;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Execution;

/// <summary>
/// What one transaction reads and writes: InnoDB's committed rows overlaid with its own uncommitted
/// changes. Records every change in order (ROW events and redo come from them) and every key it
/// wrote or read with a lock (the row locks it needs).
/// </summary>
public sealed class TransactionStore(InnoDb engine) : IRowStore
{
    // Allocated on the first write (most transactions of a read workload never make one): a read
    // costs the store object alone.
    private RowOverlay? _overlay;
    private List<RowChange>? _changes;
    private List<TableSchema>? _created;
    // Tables this transaction has overlay entries in (a handful: a list beats a set).
    private List<string>? _touched;
    private List<(string, long)>? _lockedReads;
    private HashSet<(string, long)>? _lockedReadSet;

    /// <summary>Nothing read with a lock, written or created: the store of a plain read, which the next transaction may take over.</summary>
    internal bool Pristine => _overlay is null && _changes is null && _created is null && _touched is null && _lockedReads is null && _lockedReadSet is null;

    public IReadOnlyList<RowChange> Changes => (IReadOnlyList<RowChange>?)_changes ?? [];
    public IReadOnlyList<TableSchema> CreatedTables => (IReadOnlyList<TableSchema>?)_created ?? [];

    /// <summary>The record locks this transaction needs: every key it wrote, then every key a locking read took (empty and shared when there are none).</summary>
    public IReadOnlyList<(string Table, long Key)> WrittenKeys()
    {
        if (_overlay is null && _lockedReads is null) return [];
        if (_lockedReads is null) return _overlay!; // the written keys themselves, read before the transaction changes again
        var keys = new List<(string, long)>((_overlay?.Count ?? 0) + (_lockedReads?.Count ?? 0));
        if (_overlay is not null)
            for (int i = 0; i < _overlay.Count; i++) keys.Add(_overlay.KeyAt(i));
        if (_lockedReads is not null)
            foreach ((string, long) k in _lockedReads)
                if (_overlay is null || !_overlay.ContainsKey(k)) keys.Add(k);
        return keys;
    }

    /// <summary>The changes from the <paramref name="start"/>-th on: one statement's, when <paramref name="start"/> is the count before it ran.</summary>
    public RowChange[] ChangesSince(int start)
    {
        int n = (_changes?.Count ?? 0) - start;
        if (n <= 0) return [];
        var since = new RowChange[n];
        _changes!.CopyTo(start, since, 0, n);
        return since;
    }

    /// <summary>UPDATE / DELETE looked up <paramref name="key"/> (found or not): InnoDB locks the record or its gap.</summary>
    public void LockForUpdate(string table, long key) => LockRead((Canonical(table), key));

    /// <summary>UPDATE / DELETE scanned the table: next-key locks on every record and gap.</summary>
    public void LockTableScan(string table) => LockRead((Canonical(table), RowLocks.WholeTable));

    private void LockRead((string, long) key)
    {
        if ((_lockedReadSet ??= new()).Add(key)) (_lockedReads ??= new()).Add(key);
    }

    public TableSchema? Schema(string table)
    {
        if (engine.Table(table) is { } t) return t.Schema;
        if (_created is null) return null;
        foreach (TableSchema created in _created)
            if (string.Equals(created.Name, table, StringComparison.OrdinalIgnoreCase)) return created;
        return null;
    }

    public void CreateTable(TableSchema schema)
    {
        if (Schema(schema.Name) is not null) throw new SqlError(1050, "42S01", $"Table '{schema.Name}' already exists");
        (_created ??= new()).Add(schema);
    }

    public IEnumerable<Value[]> Scan(string table) => Scan(table, descending: false);

    /// <summary>The committed table when this transaction has no changes of its own in it (reads need no overlay), else null.</summary>
    public Table? UntouchedTable(string table)
    {
        string name = Canonical(table);
        return Touched(name) ? null : engine.Table(name);
    }

    /// <summary>Rows in key order (or reverse), committed rows overlaid with this transaction's own changes.</summary>
    public IEnumerable<Value[]> Scan(string table, bool descending)
    {
        string name = Canonical(table);
        Table? t = engine.Table(name);
        if (!Touched(name))
        {
            // The common case: nothing of ours to overlay, so stream the committed rows.
            if (t is null) yield break;
            foreach (Value[] row in descending ? t.RowsDescending : t.Rows) yield return row;
            yield break;
        }
        // Merge the committed keys with ours, both in key order.
        var mine = new List<long>();
        for (int k = 0; k < _overlay!.Count; k++)
            if (_overlay.KeyAt(k) is (var tb, var key) && tb == name) mine.Add(key);
        mine.Sort();
        int committed = t?.Count ?? 0;
        int i = descending ? committed - 1 : 0, j = descending ? mine.Count - 1 : 0;
        int step = descending ? -1 : 1;
        while ((uint)i < (uint)committed || (uint)j < (uint)mine.Count)
        {
            long key;
            bool fromTable = (uint)i < (uint)committed, fromMine = (uint)j < (uint)mine.Count;
            if (fromTable && fromMine)
            {
                long a = t!.KeyAt(i), b = mine[j];
                if (a == b) { key = a; i += step; j += step; }
                else if ((a < b) != descending) { key = a; i += step; }
                else { key = b; j += step; }
            }
            else if (fromTable) { key = t!.KeyAt(i); i += step; }
            else { key = mine[j]; j += step; }
            Value[]? row = Get(name, key);
            if (row is not null) yield return row;
        }
    }

    public Value[]? Get(string table, long key)
    {
        string name = Canonical(table);
        if (_overlay is not null && _overlay.TryGetValue(name, key, out Value[]? mine)) return mine;
        return engine.Table(name)?.Get(key);
    }

    public void Insert(string table, Value[] row)
    {
        string name = Canonical(table);
        long key = row[0].Integer;
        if (Get(name, key) is not null) throw SqlError.DuplicateKey(key.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
        Overlay(name).Set(name, key, row);
        Changed(new RowChange(name, RowChangeKind.Insert, null, row));
        SeeAutoIncrement(name, key);
    }

    public void Update(string table, Value[] before, Value[] after)
    {
        string name = Canonical(table);
        long oldKey = before[0].Integer, newKey = after[0].Integer;
        if (oldKey != newKey)
        {
            if (Get(name, newKey) is not null) throw SqlError.DuplicateKey(newKey.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
            Overlay(name).Set(name, oldKey, null);
        }
        Overlay(name).Set(name, newKey, after);
        Changed(new RowChange(name, RowChangeKind.Update, before, after));
    }

    public void Delete(string table, Value[] before)
    {
        string name = Canonical(table);
        Overlay(name).Set(name, before[0].Integer, null);
        Changed(new RowChange(name, RowChangeKind.Delete, before, null));
    }

    public long NextAutoIncrement(string table, int increment, int offset) =>
        engine.Table(Canonical(table))?.NextAutoIncrement(increment, offset) ?? throw SqlError.NoSuchTable(table);

    public void SeeAutoIncrement(string table, long key)
    {
        // InnoDB raises its counter as soon as an explicit id is written, even before commit.
        Table? t = engine.Table(Canonical(table));
        if (t is not null && t.Schema.HasAutoIncrement && key > t.AutoIncrementMax) t.NextAutoIncrementAtLeast(key);
    }

    /// <summary>Applies a ROW event's change as the applier does: 1032 when the row to change is missing, 1062 on a duplicate.</summary>
    public void ApplyRowChange(RowChange change, Binlog.Events.RowImage image = Binlog.Events.RowImage.Full)
    {
        switch (change.Kind)
        {
            case RowChangeKind.Insert:
                Insert(change.Table, change.After!);
                break;
            case RowChangeKind.Update:
                Value[] current = Get(change.Table, change.Before![0].Integer) ?? throw SqlError.KeyNotFound(change.Table);
                Value[] after = change.After!;
                if (image == Binlog.Events.RowImage.Minimal)
                {
                    // MINIMAL carries only the changed columns: they land on the replica's own row.
                    after = (Value[])current.Clone();
                    for (int i = 0; i < after.Length; i++)
                        if (!change.Before[i].Equals(change.After![i])) after[i] = change.After[i];
                }
                Update(change.Table, current, after);
                break;
            case RowChangeKind.Delete:
                Value[] existing = Get(change.Table, change.Before![0].Integer) ?? throw SqlError.KeyNotFound(change.Table);
                Delete(change.Table, existing);
                break;
        }
    }

    /// <summary>The overlay, for a write to <paramref name="name"/>: the table counts as touched from now on.</summary>
    private RowOverlay Overlay(string name)
    {
        _touched ??= new();
        if (!_touched.Contains(name)) _touched.Add(name);
        return _overlay ??= new();
    }

    private void Changed(RowChange change) => (_changes ??= new()).Add(change);

    private bool Touched(string name) => _touched is not null && _touched.Contains(name);

    private string Canonical(string table) => Schema(table)?.Name ?? throw SqlError.NoSuchTable(table);
}
