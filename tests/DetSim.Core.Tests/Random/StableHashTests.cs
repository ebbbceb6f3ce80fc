using System.IO.Hashing;
using DetSim.Core.Random;
using Xunit;

namespace DetSim.Core.Tests.Random;

public class StableHashTests
{
    [Fact]
    public void Combine_is_xxhash64_of_the_two_values_little_endian()
    {
        var rng = new SimRandom(42);
        ulong[] edges = [0, 1, ulong.MaxValue, 0x8000000000000000, 0x00000000FFFFFFFF];
        var pairs = new List<(ulong, ulong)>();
        foreach (ulong x in edges) foreach (ulong y in edges) pairs.Add((x, y));
        for (int i = 0; i < 10_000; i++) pairs.Add((rng.NextUInt64(), rng.NextUInt64()));
        Span<byte> bytes = stackalloc byte[16];
        foreach ((ulong a, ulong b) in pairs)
        {
            BitConverter.TryWriteBytes(bytes, a);
            BitConverter.TryWriteBytes(bytes[8..], b);
            Assert.Equal(XxHash64.HashToUInt64(bytes), StableHash.Combine(a, b));
        }
    }
}
