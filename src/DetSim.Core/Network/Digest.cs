using DetSim.Core.Random;

namespace DetSim.Core.Network;

/// <summary>The stable digest of a message for the trace hash (see <see cref="IStableDigest"/>).</summary>
public static class Digest
{
    public static ulong Of(object? payload) => payload switch
    {
        null => 0,
        IStableDigest d => d.StableDigest(),
        string s => StableHash.Of(s),
        long l => (ulong)l,
        int i => (ulong)i,
        _ => StableHash.Combine(StableHash.Of(payload.GetType().FullName ?? ""), StableHash.Of(payload.ToString() ?? "")),
    };
}
