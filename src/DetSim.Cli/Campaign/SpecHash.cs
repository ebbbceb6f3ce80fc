using System.IO.Hashing;
using System.Text;

namespace DetSim.Cli.Campaign;

/// <summary>A spec file's content hash (XxHash64, hex), so `merge` can tell shards that ran different versions of a spec.</summary>
public static class SpecHash
{
    public static string Of(string file)
    {
        var hash = new XxHash64();
        if (!File.Exists(file)) hash.Append(Encoding.UTF8.GetBytes(file));
        else
        {
            // At most what the loader reads: a device such as /dev/zero never ends.
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            var buffer = new byte[64 * 1024];
            long left = Specs.SpecLoader.MaxBytes + 1L;
            for (int n; left > 0 && (n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, left))) > 0; left -= n) hash.Append(buffer.AsSpan(0, n));
        }
        return Convert.ToHexStringLower(hash.GetCurrentHash());
    }
}
