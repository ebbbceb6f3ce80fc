using System.IO.Hashing;
using System.Text;

namespace DetSim.Cli.Campaign;

/// <summary>A spec file's content hash (XxHash64, hex), so `merge` can tell shards that ran different versions of a spec.</summary>
public static class SpecHash
{
    public static string Of(string file) =>
        Convert.ToHexStringLower(XxHash64.Hash(File.Exists(file) ? File.ReadAllBytes(file) : Encoding.UTF8.GetBytes(file)));
}
