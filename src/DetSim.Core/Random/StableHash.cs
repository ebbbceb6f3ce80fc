using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Text;

namespace DetSim.Core.Random;

/// <summary>
/// Hashes that are the same in every process, machine and .NET version (unlike
/// <c>string.GetHashCode</c>, which is randomised per process). XxHash64 with seed 0.
/// </summary>
public static class StableHash
{
    public static ulong Of(string text) => Of(text.AsSpan());

    /// <summary>The hash of the text's UTF-8 bytes, as <see cref="Of(string)"/>.</summary>
    public static ulong Of(ReadOnlySpan<char> text)
    {
        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[text.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        int length = Encoding.UTF8.GetBytes(text, buffer);
        return XxHash64.HashToUInt64(buffer[..length]);
    }

    /// <summary>
    /// XxHash64 (seed 0) of the 16 bytes of <paramref name="a"/> then <paramref name="b"/>, little-endian:
    /// the same value as <c>XxHash64.HashToUInt64</c> over them, computed inline. It runs for every
    /// row and event a message carries, and the library's general path cost 5% of a bug-hunt seed.
    /// </summary>
    public static ulong Combine(ulong a, ulong b)
    {
        ulong h = Prime5 + 16;
        h = Lane(h, BitConverter.IsLittleEndian ? a : BinaryPrimitives.ReverseEndianness(a));
        h = Lane(h, BitConverter.IsLittleEndian ? b : BinaryPrimitives.ReverseEndianness(b));
        h ^= h >> 33;
        h *= Prime2;
        h ^= h >> 29;
        h *= Prime3;
        return h ^ (h >> 32);
    }

    private const ulong Prime1 = 0x9E3779B185EBCA87;
    private const ulong Prime2 = 0xC2B2AE3D27D4EB4F;
    private const ulong Prime3 = 0x165667B19E3779F9;
    private const ulong Prime4 = 0x85EBCA77C2B2AE63;
    private const ulong Prime5 = 0x27D4EB2F165667C5;

    // xxh64's 8-byte step for inputs under 32 bytes: h ^= round(0, lane); h = rotl(h, 27) * P1 + P4.
    private static ulong Lane(ulong h, ulong lane)
    {
        ulong k = BitOperations.RotateLeft(lane * Prime2, 31) * Prime1;
        return BitOperations.RotateLeft(h ^ k, 27) * Prime1 + Prime4;
    }
}
