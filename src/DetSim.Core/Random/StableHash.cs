using System.IO.Hashing;
using System.Text;

namespace DetSim.Core.Random;

/// <summary>
/// Hashes that are the same in every process, machine and .NET version (unlike
/// <c>string.GetHashCode</c>, which is randomised per process). XxHash64 with seed 0.
/// </summary>
public static class StableHash
{
    public static ulong Of(string text)
    {
        Span<byte> buffer = text.Length <= 256 ? stackalloc byte[text.Length * 3] : new byte[Encoding.UTF8.GetMaxByteCount(text.Length)];
        int length = Encoding.UTF8.GetBytes(text, buffer);
        return XxHash64.HashToUInt64(buffer[..length]);
    }

    public static ulong Combine(ulong a, ulong b)
    {
        Span<byte> buffer = stackalloc byte[16];
        BitConverter.TryWriteBytes(buffer, a);
        BitConverter.TryWriteBytes(buffer[8..], b);
        return XxHash64.HashToUInt64(buffer);
    }
}
