using System.Text.RegularExpressions;

namespace DetSim.Cli.Tests;

/// <summary>`merge` combines only shards that are exactly one campaign; anything else is refused with exit code 2.</summary>
public class MergeTests
{
    private const string Spec = "specs/07-gtid-failover-lagging-replica-converges.yaml";

    private static string Shard(TempDir dir, string shard, string name, string seeds = "6")
    {
        string file = dir.File(name);
        Detsim.Result r = Detsim.Run("check", Spec, "--seeds", seeds, "--shard", shard, "--results", file);
        Assert.True(r.Code == 0, r.Out + r.Err);
        return file;
    }

    [Fact]
    public void Merge_refuses_a_missing_shard_a_duplicate_an_overlap_a_changed_spec_and_mixed_versions()
    {
        using var dir = new TempDir();
        string s1 = Shard(dir, "1/2", "s1.json"), s2 = Shard(dir, "2/2", "s2.json"), t2 = Shard(dir, "2/3", "t2.json"), other = Shard(dir, "2/2", "other.json", seeds: "8");

        Detsim.Result ok = Detsim.Run("merge", s1, s2);
        Assert.True(ok.Code == 0, ok.Out + ok.Err);
        Assert.Contains("1 of 1 expectations met", ok.Out);

        Detsim.Result missing = Detsim.Run("merge", s1);
        Assert.Equal(2, missing.Code);
        Assert.Contains("shard 2/2 is missing: its seeds were never run", missing.Err);

        Detsim.Result twice = Detsim.Run("merge", s1, s2, s2);
        Assert.Equal(2, twice.Code);
        Assert.Contains("shard 2/2 appears 2 times", twice.Err);

        Detsim.Result overlap = Detsim.Run("merge", s1, t2);
        Assert.Equal(2, overlap.Code);
        Assert.Contains("shards of different splits overlap", overlap.Err);

        Detsim.Result range = Detsim.Run("merge", s1, other);
        Assert.Equal(2, range.Code);
        Assert.Contains("ran different seed ranges", range.Err);

        string changed = dir.File("changed.json"), version = dir.File("version.json");
        File.WriteAllText(changed, Regex.Replace(File.ReadAllText(s2), "\"spec_hash\": \"[0-9a-f]+\"", "\"spec_hash\": \"0000000000000000\""));
        Detsim.Result spec = Detsim.Run("merge", s1, changed);
        Assert.Equal(2, spec.Code);
        Assert.Contains("differs between shards", spec.Err);

        File.WriteAllText(version, Regex.Replace(File.ReadAllText(s2), "\"detsim_version\": \"[^\"]+\"", "\"detsim_version\": \"0.0.1\""));
        Detsim.Result versions = Detsim.Run("merge", s1, version);
        Assert.Equal(2, versions.Code);
        Assert.Contains("results from different detsim versions", versions.Err);
        Assert.DoesNotContain("   at ", versions.Err);
    }

    [Fact]
    public void Merge_refuses_a_results_file_from_before_shards_were_recorded()
    {
        using var dir = new TempDir();
        string old = dir.File("old.json");
        File.WriteAllText(old, "[{\"name\": \"x\", \"met\": true}]");
        Detsim.Result r = Detsim.Run("merge", old);
        Assert.Equal(2, r.Code);
        Assert.Contains("written by an older detsim", r.Err);
    }
}
