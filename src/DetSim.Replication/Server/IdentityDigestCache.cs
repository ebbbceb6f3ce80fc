using System.Runtime.CompilerServices;

namespace DetSim.Replication.Server;

/// <summary>
/// Remembers the digests of the last objects seen, by reference: a direct-mapped table of 4,096
/// slots (a new object evicts the one in its slot), so its memory is bounded whatever the runs do
/// and lookups take no lock. The slot comes from the object's identity hash, which differs between
/// processes; it only decides what is remembered, never a digest's value, so traces stay the same.
/// </summary>
internal sealed class IdentityDigestCache<T> where T : class
{
    private const int Slots = 4096;
    private readonly T?[] _keys = new T?[Slots];
    private readonly ulong[] _digests = new ulong[Slots];

    public bool TryGet(T key, out ulong digest)
    {
        int slot = Slot(key);
        if (ReferenceEquals(_keys[slot], key))
        {
            digest = _digests[slot];
            return true;
        }
        digest = 0;
        return false;
    }

    public void Set(T key, ulong digest)
    {
        int slot = Slot(key);
        _keys[slot] = key;
        _digests[slot] = digest;
    }

    /// <summary>Forgets every object (they are the last run's: kept, they would outlive it).</summary>
    public void Clear() => Array.Clear(_keys);

    private static int Slot(T key) => RuntimeHelpers.GetHashCode(key) & (Slots - 1);
}
