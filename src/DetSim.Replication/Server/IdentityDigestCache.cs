using System.Runtime.CompilerServices;

namespace DetSim.Replication.Server;

/// <summary>
/// Remembers the digests of the last objects seen, by reference: a direct-mapped table of 4,096
/// slots (a new object evicts the one in its slot), so its memory is bounded whatever the runs do
/// and lookups take no lock. The slot comes from the object's identity hash, which differs between
/// processes, or from a number the caller gives; it only decides what is remembered, never a digest's value, so traces stay the same.
/// </summary>
internal sealed class IdentityDigestCache<T> where T : class
{
    private const int Slots = 4096;
    private readonly T?[] _keys = new T?[Slots];
    private readonly ulong[] _digests = new ulong[Slots];

    public bool TryGet(T key, out ulong digest) => TryGet(key, RuntimeHelpers.GetHashCode(key), out digest);

    /// <summary>
    /// The same, with the slot from <paramref name="hash"/>: a key that carries a well-spread number of
    /// its own saves the identity hash, whose first use on an object writes it into the object header
    /// (a slow call into the runtime, 1% of a standard seed for the events of binlog packets).
    /// </summary>
    public bool TryGet(T key, int hash, out ulong digest)
    {
        int slot = hash & (Slots - 1);
        if (ReferenceEquals(_keys[slot], key))
        {
            digest = _digests[slot];
            return true;
        }
        digest = 0;
        return false;
    }

    public void Set(T key, ulong digest) => Set(key, RuntimeHelpers.GetHashCode(key), digest);

    public void Set(T key, int hash, ulong digest)
    {
        int slot = hash & (Slots - 1);
        _keys[slot] = key;
        _digests[slot] = digest;
    }

    /// <summary>Forgets every object (they are the last run's: kept, they would outlive it).</summary>
    public void Clear() => Array.Clear(_keys);
}
