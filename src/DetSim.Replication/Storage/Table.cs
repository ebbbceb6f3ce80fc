namespace DetSim.Replication.Storage;

/// <summary>
/// Committed rows of one table, ordered by primary key (so scans, LIMIT and apply have one defined
/// order), with InnoDB's AUTO_INCREMENT counter. The rows sit in one array sorted by key, like the
/// leaves of InnoDB's clustered index: a point lookup is a binary search (O(log n)), the first or
/// last n rows in key order cost O(n) whatever the table size, and inserts of ever-growing keys
/// (auto-increment) append.
/// </summary>
public sealed class Table
{
    private long[] _keys = new long[16];
    private Value[][] _rows = new Value[16][];
    private int _count;

    public Table(TableSchema schema) => Schema = schema;

    public TableSchema Schema { get; }
    public int Count => _count;

    /// <summary>Changes with every insert, replace and delete: equal versions of one table hold the same rows.</summary>
    public long Version { get; private set; }

    /// <summary>Largest auto-increment value handed out or seen (InnoDB keeps the max; it never goes down on rollback).</summary>
    public long AutoIncrementMax { get; private set; }

    public IEnumerable<Value[]> Rows
    {
        get
        {
            for (int i = 0; i < _count; i++) yield return _rows[i];
        }
    }

    public IEnumerable<Value[]> RowsDescending
    {
        get
        {
            for (int i = _count - 1; i >= 0; i--) yield return _rows[i];
        }
    }

    /// <summary>The key at position <paramref name="index"/> in key order (0 ≤ index &lt; Count).</summary>
    public long KeyAt(int index) => _keys[index];

    /// <summary>The row at position <paramref name="index"/> in key order (0 ≤ index &lt; Count).</summary>
    public Value[] RowAt(int index) => _rows[index];

    /// <summary>Position of <paramref name="key"/>, or the bitwise complement of where it would go.</summary>
    public int Find(long key)
    {
        if (_count > 0 && _keys[_count - 1] < key) return ~_count; // the common case: a new largest key
        return Array.BinarySearch(_keys, 0, _count, key);
    }

    public Value[]? Get(long key) => Find(key) is var i and >= 0 ? _rows[i] : null;

    public bool Contains(long key) => Find(key) >= 0;

    public void Insert(Value[] row)
    {
        long key = row[0].Integer;
        int i = Find(key);
        if (i >= 0) throw SqlError.DuplicateKey(key.ToString(System.Globalization.CultureInfo.InvariantCulture), Schema.Name);
        InsertAt(~i, key, row);
        SeeKey(key);
    }

    public void Replace(Value[] row)
    {
        long key = row[0].Integer;
        int i = Find(key);
        if (i >= 0)
        {
            _rows[i] = row;
            Version++;
        }
        else InsertAt(~i, key, row);
        SeeKey(key);
    }

    public bool Remove(long key)
    {
        int i = Find(key);
        if (i < 0) return false;
        Version++;
        _count--;
        Array.Copy(_keys, i + 1, _keys, i, _count - i);
        Array.Copy(_rows, i + 1, _rows, i, _count - i);
        _rows[_count] = null!;
        return true;
    }

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

    private void InsertAt(int i, long key, Value[] row)
    {
        if (_count == _keys.Length)
        {
            Array.Resize(ref _keys, _count * 2);
            Array.Resize(ref _rows, _count * 2);
        }
        if (i < _count)
        {
            Array.Copy(_keys, i, _keys, i + 1, _count - i);
            Array.Copy(_rows, i, _rows, i + 1, _count - i);
        }
        _keys[i] = key;
        _rows[i] = row;
        _count++;
        Version++;
    }

    private void SeeKey(long key)
    {
        if (Schema.HasAutoIncrement && key > AutoIncrementMax) AutoIncrementMax = key;
    }
}
