using DetSim.Replication.Storage;

namespace DetSim.Checking;

/// <summary>
/// A row per integer key: an array for the small non-negative keys a workload hands out (ids from 1),
/// a dictionary for the rest. A checker looks up every row of every read here, so the common key
/// costs an array index instead of a hash lookup (perf only: the answers are a dictionary's).
/// </summary>
internal sealed class RowsByKey
{
    private const long DenseLimit = 1 << 20;
    private Value[]?[] _dense = new Value[]?[64];
    private Dictionary<long, Value[]>? _sparse;

    public bool TryGetValue(long key, out Value[]? row)
    {
        if ((ulong)key < DenseLimit)
        {
            row = key < _dense.Length ? _dense[key] : null;
            return row is not null;
        }
        row = null;
        return _sparse is not null && _sparse.TryGetValue(key, out row);
    }

    public void Set(long key, Value[] row)
    {
        if ((ulong)key < DenseLimit)
        {
            if (key >= _dense.Length) Array.Resize(ref _dense, (int)Math.Min(DenseLimit, Math.Max(key + 1, _dense.Length * 2L)));
            _dense[key] = row;
        }
        else
        {
            (_sparse ??= new())[key] = row;
        }
    }
}
