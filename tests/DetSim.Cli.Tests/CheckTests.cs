namespace DetSim.Cli.Tests;

public class CheckTests
{
    [Fact]
    public void Check_specs_meets_every_expectation_and_writes_junit()
    {
        string junit = Path.Combine(Path.GetTempPath(), "detsim-check.xml");
        Detsim.Result r = Detsim.Run("check", "specs", "--jobs", "2", "--junit", junit);
        Assert.True(r.Code == 0, r.Out + r.Err);
        int specs = Directory.GetFiles(Path.Combine(Detsim.Repo, "specs"), "*.yaml", SearchOption.AllDirectories).Length; // SpecFiles recurses (specs/bench)
        Assert.Contains($"{specs} of {specs} expectations met", r.Out);
        string xml = File.ReadAllText(junit);
        Assert.Contains($"<testsuite name=\"detsim check\" tests=\"{specs}\" failures=\"0\"", xml);
    }

    [Fact]
    public void Jobs_and_shards_give_the_same_results_as_one_worker()
    {
        string[] specs = ["specs/03-semisync-after-commit-phantom-read.yaml", "specs/07-gtid-failover-lagging-replica-converges.yaml", "specs/20-parallel-applier-without-commit-order.yaml"];
        string dir = Path.Combine(Path.GetTempPath(), "detsim-shards");
        Directory.CreateDirectory(dir);
        string one = Path.Combine(dir, "one.json"), two = Path.Combine(dir, "two.json"), s1 = Path.Combine(dir, "s1.json"), s2 = Path.Combine(dir, "s2.json"), merged = Path.Combine(dir, "merged.json");
        Assert.Equal(0, Detsim.Run([ "check", .. specs, "--seeds", "60", "--jobs", "1", "--results", one ]).Code);
        Assert.Equal(0, Detsim.Run([ "check", .. specs, "--seeds", "60", "--jobs", "2", "--results", two ]).Code);
        Assert.Equal(0, Detsim.Run([ "check", .. specs, "--seeds", "60", "--shard", "1/2", "--results", s1 ]).Code);
        Assert.Equal(0, Detsim.Run([ "check", .. specs, "--seeds", "60", "--shard", "2/2", "--results", s2 ]).Code);
        Assert.Equal(0, Detsim.Run("merge", s1, s2, "--out", merged).Code);
        var a = Campaign.ResultsFile.Read(one);
        var b = Campaign.ResultsFile.Read(two);
        var m = Campaign.ResultsFile.Read(merged);
        Assert.Equal(a.Select(x => (x.Name, x.Met, x.SeedsRun, x.FirstFailingSeed, x.TraceHash)), b.Select(x => (x.Name, x.Met, x.SeedsRun, x.FirstFailingSeed, x.TraceHash)));
        Assert.Equal(a.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => (x.Name, x.Met, x.FirstFailingSeed)), m.Select(x => (x.Name, x.Met, x.FirstFailingSeed)));
        // The holds-spec ran every seed across the two shards.
        Assert.Equal(60, m.Single(x => x.Name == "gtid-failover-lagging-replica-converges").SeedsRun);
    }

    [Fact]
    public void Shrink_writes_a_smaller_spec_that_still_fails_with_the_seed()
    {
        string dir = Path.Combine(Path.GetTempPath(), "detsim-shrink");
        Directory.CreateDirectory(dir);
        string output = Path.Combine(dir, "min.yaml");
        Detsim.Result r = Detsim.Run("shrink", "specs/16-active-active-without-offsets.yaml", "--seed", "1", "--out", output);
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains("before: 2 servers, 2 clients / 4 sessions", r.Out);
        Detsim.Result replay = Detsim.Run("run", output, "--seed", "1");
        Assert.Contains("VIOLATION replication_running", replay.Out);
    }
}
