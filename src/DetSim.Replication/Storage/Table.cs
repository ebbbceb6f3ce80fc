namespace DetSim.Replication.Storage;

/// <summary>
/// Committed rows of one table, ordered by primary key (so scans, LIMIT and apply have one defined
/// order), with InnoDB's AUTO_INCREMENT counter.
/// </summary>
public sealed class Table
{
    // Rows by key, plus the keys in order: ordered scans both ways and ranges without sorting.
    private readonly Dictionary<long, Value[]> _rows = new();
    private readonly SortedSet<long> _keys = new();

    public Table(TableSchema schema) => Schema = schema;

    public TableSchema Schema { get; }
    public int Count => _rows.Count;

    /// <summary>Largest auto-increment value handed out or seen (InnoDB keeps the max; it never goes down on rollback).</summary>
    public long AutoIncrementMax { get; private set; }

    public IEnumerable<Value[]> Rows
    {
        get
        {
            foreach (long k in _keys) yield return _rows[k];
        }
    }

    /// <summary>Keys in ascending order.</summary>
    public SortedSet<long> Keys => _keys;

    public IEnumerable<Value[]> RowsDescending
    {
        get
        {
            foreach (long k in _keys.Reverse()) yield return _rows[k];
        }
    }

    public Value[]? Get(long key) => _rows.GetValueOrDefault(key);

    public bool Contains(long key) => _rows.ContainsKey(key);

    public void Insert(Value[] row)
    {
        long key = row[0].Integer;
        if (!_rows.TryAdd(key, row)) throw SqlError.DuplicateKey(key.ToString(System.Globalization.CultureInfo.InvariantCulture), Schema.Name);
        _keys.Add(key);
        SeeKey(key);
    }

    public void Replace(Value[] row)
    {
        _rows[row[0].Integer] = row;
        _keys.Add(row[0].Integer);
        SeeKey(row[0].Integer);
    }

    public bool Remove(long key) => _rows.Remove(key) && _keys.Remove(key);

    /// <summary>
    /// Next AUTO_INCREMENT value: the smallest n = offset + k·increment above the counter
    /// (RM80 replication-options-source.html, auto_increment_increment).
    /// </summary>
    public long NextAutoIncrement(int increment, int offset)
    {
        increment = Math.Clamp(increment, 1, 65535);
        offset = Math.Clamp(offset, 1, 65535);
        if (offset > increment) offset = 1; // MySQL ignores an offset larger than the increment
        long floor = AutoIncrementMax;
        long k = floor < offset ? 0 : (floor - offset) / increment + 1;
        long next = offset + k * increment;
        AutoIncrementMax = next;
        return next;
    }

    /// <summary>Raises the counter to at least <paramref name="key"/> (an explicit id was written).</summary>
    public void NextAutoIncrementAtLeast(long key)
    {
        if (key > AutoIncrementMax) AutoIncrementMax = key;
    }

    public void ApplyChange(RowChange change)
    {
        switch (change.Kind)
        {
            case RowChangeKind.Insert: Insert(change.After!); break;
            case RowChangeKind.Update:
                if (change.Before![0].Integer != change.After![0].Integer) Remove(change.Before[0].Integer);
                Replace(change.After!);
                break;
            case RowChangeKind.Delete: Remove(change.Before![0].Integer); break;
        }
    }

    /// <summary>Deterministic content text for convergence checks and golden files.</summary>
    public string Dump() => string.Join("\n", Rows.Select(r => string.Join(",", r)));

    private void SeeKey(long key)
    {
        if (Schema.HasAutoIncrement && key > AutoIncrementMax) AutoIncrementMax = key;
    }
}
