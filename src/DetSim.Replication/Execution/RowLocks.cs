namespace DetSim.Replication.Execution;

/// <summary>
/// InnoDB record locks, reduced to exclusive locks on primary keys held from the first write until
/// commit or rollback. A transaction that touches a locked row waits and re-runs when the holder
/// finishes, so concurrent writers serialise as they do on a real server (without this, STATEMENT
/// replicas would diverge for reasons MySQL does not have). Locking reads count too: UPDATE and
/// DELETE lock the key they look up even when no row has it (a record or gap lock), and a scan
/// locks the whole table (<see cref="WholeTable"/>: REPEATABLE READ next-key locks on every record
/// and gap it passes, RM80 innodb-locks-set.html), so they wait for uncommitted inserts they would
/// otherwise miss.
/// </summary>
public sealed class RowLocks
{
    /// <summary>The key that stands for every row and gap of a table: what a locking full scan holds.</summary>
    public const long WholeTable = long.MinValue;

    private readonly Dictionary<(string Table, long Key), long> _holders = new();
    private readonly Dictionary<long, List<(string, long)>> _byOwner = new();
    // Per table, the owners holding any key of it, by owner id (a defined order to pick a holder).
    // A sorted list: a handful of concurrent owners, and no tree node allocated per lock taken.
    private readonly Dictionary<string, SortedList<long, int>> _ownersByTable = new(StringComparer.Ordinal);
    // Key lists of released owners, reused: a transaction's locks cost no list of their own.
    private readonly Stack<List<(string, long)>> _freeLists = new();

    /// <summary>The owner holding any of <paramref name="keys"/> other than <paramref name="owner"/>, or 0.</summary>
    public long FindConflict(long owner, IReadOnlyList<(string Table, long Key)> keys)
    {
        for (int i = 0; i < keys.Count; i++) // indexed: no enumerator boxed per transaction
        {
            (string Table, long Key) k = keys[i];
            if (k.Key == WholeTable)
            {
                if (_ownersByTable.TryGetValue(k.Table, out SortedList<long, int>? owners))
                    for (int o = 0; o < owners.Count; o++)
                        if (owners.Keys[o] != owner) return owners.Keys[o];
                continue;
            }
            if (_holders.TryGetValue(k, out long holder) && holder != owner) return holder;
            if (_holders.TryGetValue((k.Table, WholeTable), out long scanner) && scanner != owner) return scanner;
        }
        return 0;
    }

    public void Acquire(long owner, IReadOnlyList<(string Table, long Key)> keys)
    {
        if (!_byOwner.TryGetValue(owner, out List<(string, long)>? list))
        {
            list = _freeLists.Count > 0 ? _freeLists.Pop() : new List<(string, long)>();
            _byOwner.Add(owner, list);
        }
        for (int i = 0; i < keys.Count; i++)
        {
            (string Table, long Key) k = keys[i];
            if (_holders.TryAdd(k, owner))
            {
                list.Add(k);
                if (!_ownersByTable.TryGetValue(k.Table, out SortedList<long, int>? owners))
                    _ownersByTable.Add(k.Table, owners = new SortedList<long, int>());
                owners[owner] = owners.GetValueOrDefault(owner) + 1;
            }
            else
            {
                DetSim.Core.Invariant.That(_holders[k] == owner, "a lock is granted to one owner");
            }
        }
    }

    public void ReleaseAll(long owner)
    {
        if (!_byOwner.Remove(owner, out List<(string, long)>? list)) return;
        foreach ((string table, long key) in list)
        {
            _holders.Remove((table, key));
            SortedList<long, int> owners = _ownersByTable[table];
            if (--owners[owner] == 0) owners.Remove(owner); // an emptied table's set stays for the next owner
        }
        list.Clear();
        _freeLists.Push(list);
    }

    public int Held => _holders.Count;

    public bool IsHeldBy(long owner) => _byOwner.ContainsKey(owner);
}
