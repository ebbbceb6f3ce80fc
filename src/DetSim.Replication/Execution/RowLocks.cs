namespace DetSim.Replication.Execution;

/// <summary>
/// InnoDB record locks, reduced to exclusive locks on primary keys held from the first write until
/// commit or rollback. A transaction that touches a locked row waits and re-runs when the holder
/// finishes, so concurrent writers serialise as they do on a real server (without this, STATEMENT
/// replicas would diverge for reasons MySQL does not have).
/// </summary>
public sealed class RowLocks
{
    private readonly Dictionary<(string Table, long Key), long> _holders = new();
    private readonly Dictionary<long, List<(string, long)>> _byOwner = new();

    /// <summary>The owner holding any of <paramref name="keys"/> other than <paramref name="owner"/>, or 0.</summary>
    public long FindConflict(long owner, IEnumerable<(string Table, long Key)> keys)
    {
        foreach ((string Table, long Key) k in keys)
            if (_holders.TryGetValue(k, out long holder) && holder != owner) return holder;
        return 0;
    }

    public void Acquire(long owner, IEnumerable<(string Table, long Key)> keys)
    {
        if (!_byOwner.TryGetValue(owner, out List<(string, long)>? list))
        {
            list = new List<(string, long)>();
            _byOwner.Add(owner, list);
        }
        foreach ((string Table, long Key) k in keys)
        {
            if (_holders.TryAdd(k, owner)) list.Add(k);
            else DetSim.Core.Invariant.That(_holders[k] == owner, "a lock is granted to one owner");
        }
    }

    public void ReleaseAll(long owner)
    {
        if (!_byOwner.Remove(owner, out List<(string, long)>? list)) return;
        foreach ((string, long) k in list) _holders.Remove(k);
    }

    public int Held => _holders.Count;

    public bool IsHeldBy(long owner) => _byOwner.ContainsKey(owner);
}
