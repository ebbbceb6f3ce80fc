using DetSim.Replication.Storage;

namespace DetSim.Replication.Execution;

/// <summary>
/// A transaction's own rows by (table, key), in the order each key was first written (a dictionary's
/// order when nothing is removed, which the row locks it needs follow). Most transactions write a
/// row or two: a list searched in place, indexed by a dictionary only once it grows past
/// <see cref="IndexAfter"/> (a dictionary per transaction was a third of a write's allocations).
/// </summary>
internal sealed class RowOverlay : IReadOnlyList<(string Table, long Key)>
{
    private const int IndexAfter = 8;
    private readonly List<(string Table, long Key, Value[]? Row)> _rows = new(2);
    private Dictionary<(string, long), int>? _index;

    public int Count => _rows.Count;

    /// <summary>The <paramref name="i"/>-th key first written (each key once).</summary>
    public (string Table, long Key) KeyAt(int i) => (_rows[i].Table, _rows[i].Key);

    /// <summary>The keys written, in the order first written: what the transaction's record locks are (no list copied per commit).</summary>
    public (string Table, long Key) this[int index] => KeyAt(index);

    public IEnumerator<(string Table, long Key)> GetEnumerator()
    {
        for (int i = 0; i < _rows.Count; i++) yield return KeyAt(i);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>True when this transaction wrote the key; <paramref name="row"/> is null for a row it deleted.</summary>
    public bool TryGetValue(string table, long key, out Value[]? row)
    {
        int i = IndexOf(table, key);
        row = i >= 0 ? _rows[i].Row : null;
        return i >= 0;
    }

    public bool ContainsKey((string Table, long Key) k) => IndexOf(k.Table, k.Key) >= 0;

    public void Set(string table, long key, Value[]? row)
    {
        int i = IndexOf(table, key);
        if (i >= 0)
        {
            _rows[i] = (table, key, row);
            return;
        }
        _rows.Add((table, key, row));
        if (_index is not null) _index[(table, key)] = _rows.Count - 1;
        else if (_rows.Count > IndexAfter)
        {
            _index = new Dictionary<(string, long), int>(_rows.Count * 2);
            for (int j = 0; j < _rows.Count; j++) _index[(_rows[j].Table, _rows[j].Key)] = j;
        }
    }

    private int IndexOf(string table, long key)
    {
        if (_index is not null) return _index.TryGetValue((table, key), out int at) ? at : -1;
        for (int i = 0; i < _rows.Count; i++)
            if (_rows[i].Key == key && string.Equals(_rows[i].Table, table, StringComparison.Ordinal)) return i;
        return -1;
    }
}
