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
    private readonly Dictionary<(string, long), Value[]?> _overlay = new();
    private readonly List<RowChange> _changes = new();
    private readonly List<TableSchema> _created = new();
    // Tables this transaction has overlay entries in (a handful: a list beats a set).
    private readonly List<string> _touched = new();

    public IReadOnlyList<RowChange> Changes => _changes;
    public IReadOnlyList<TableSchema> CreatedTables => _created;

    private readonly List<(string, long)> _lockedReads = new();
    private readonly HashSet<(string, long)> _lockedReadSet = new();

    /// <summary>The record locks this transaction needs: every key it wrote, then every key a locking read took.</summary>
    public IEnumerable<(string Table, long Key)> WrittenKeys
    {
        get
        {
            foreach ((string, long) k in _overlay.Keys) yield return k;
            foreach ((string, long) k in _lockedReads)
                if (!_overlay.ContainsKey(k)) yield return k;
        }
    }

    /// <summary>UPDATE / DELETE looked up <paramref name="key"/> (found or not): InnoDB locks the record or its gap.</summary>
    public void LockForUpdate(string table, long key) => LockRead((Canonical(table), key));

    /// <summary>UPDATE / DELETE scanned the table: next-key locks on every record and gap.</summary>
    public void LockTableScan(string table) => LockRead((Canonical(table), RowLocks.WholeTable));

    private void LockRead((string, long) key)
    {
        if (_lockedReadSet.Add(key)) _lockedReads.Add(key);
    }

    public TableSchema? Schema(string table)
    {
        if (engine.Table(table) is { } t) return t.Schema;
        foreach (TableSchema created in _created)
            if (string.Equals(created.Name, table, StringComparison.OrdinalIgnoreCase)) return created;
        return null;
    }

    public void CreateTable(TableSchema schema)
    {
        if (Schema(schema.Name) is not null) throw new SqlError(1050, "42S01", $"Table '{schema.Name}' already exists");
        _created.Add(schema);
    }

    public IEnumerable<Value[]> Scan(string table) => Scan(table, descending: false);

    /// <summary>The committed table when this transaction has no changes of its own in it (reads need no overlay), else null.</summary>
    public Table? UntouchedTable(string table)
    {
        string name = Canonical(table);
        return _touched.Contains(name) ? null : engine.Table(name);
    }

    /// <summary>Rows in key order (or reverse), committed rows overlaid with this transaction's own changes.</summary>
    public IEnumerable<Value[]> Scan(string table, bool descending)
    {
        string name = Canonical(table);
        Table? t = engine.Table(name);
        if (!_touched.Contains(name))
        {
            // The common case: nothing of ours to overlay, so stream the committed rows.
            if (t is null) yield break;
            foreach (Value[] row in descending ? t.RowsDescending : t.Rows) yield return row;
            yield break;
        }
        // Merge the committed keys with ours, both in key order.
        var mine = new List<long>();
        foreach ((string tb, long key) in _overlay.Keys)
            if (tb == name) mine.Add(key);
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
        if (_overlay.TryGetValue((name, key), out Value[]? mine)) return mine;
        return engine.Table(name)?.Get(key);
    }

    public void Insert(string table, Value[] row)
    {
        string name = Canonical(table);
        long key = row[0].Integer;
        if (Get(name, key) is not null) throw SqlError.DuplicateKey(key.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
        _overlay[(name, key)] = row;
        Touch(name);
        _changes.Add(new RowChange(name, RowChangeKind.Insert, null, row));
        SeeAutoIncrement(name, key);
    }

    public void Update(string table, Value[] before, Value[] after)
    {
        string name = Canonical(table);
        long oldKey = before[0].Integer, newKey = after[0].Integer;
        if (oldKey != newKey)
        {
            if (Get(name, newKey) is not null) throw SqlError.DuplicateKey(newKey.ToString(System.Globalization.CultureInfo.InvariantCulture), name);
            _overlay[(name, oldKey)] = null;
        }
        _overlay[(name, newKey)] = after;
        Touch(name);
        _changes.Add(new RowChange(name, RowChangeKind.Update, before, after));
    }

    public void Delete(string table, Value[] before)
    {
        string name = Canonical(table);
        _overlay[(name, before[0].Integer)] = null;
        Touch(name);
        _changes.Add(new RowChange(name, RowChangeKind.Delete, before, null));
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

    private void Touch(string name)
    {
        if (!_touched.Contains(name)) _touched.Add(name);
    }

    private string Canonical(string table) => Schema(table)?.Name ?? throw SqlError.NoSuchTable(table);
}
