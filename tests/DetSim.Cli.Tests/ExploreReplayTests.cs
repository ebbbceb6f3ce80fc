namespace DetSim.Cli.Tests;

/// <summary>A Coyote-found failure travels as a decision file: explore --out, replay --decisions.</summary>
public class ExploreReplayTests
{
    private const string Spec = "specs/search/03-parallel-applier-without-commit-order-light-load.yaml";

    private static string TempDir(string name)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"detsim-{name}-{Environment.ProcessId}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    [Fact]
    public void A_coyote_found_failure_replays_from_its_decision_file_and_a_changed_file_diverges()
    {
        string dir = TempDir("explore-replay");
        string bug = Path.Combine(dir, "bug.json");
        Detsim.Result found = Detsim.Run("explore", Spec, "--strategy", "pct", "--iterations", "40", "--engine-seed", "1000003", "--out", bug);
        Assert.True(found.Code == 0, found.Out + found.Err);
        Assert.Contains("failure at iteration", found.Out);
        Assert.Contains("scheduling decisions by Coyote", found.Out);

        Detsim.Result replay = Detsim.Run("replay", Spec, "--decisions", bug);
        Assert.True(replay.Code == 0, replay.Out + replay.Err);
        Assert.Contains("reproduced exactly", replay.Out);
        Assert.Contains("failure: commit_order_reads violated", replay.Out);

        // Another data seed: the first decision no longer matches and the replay says which one.
        string text = File.ReadAllText(bug);
        string changed = Path.Combine(dir, "changed.json");
        File.WriteAllText(changed, System.Text.RegularExpressions.Regex.Replace(text, "\"data_seed\": \\d+", "\"data_seed\": 12345"));
        Detsim.Result diverged = Detsim.Run("replay", Spec, "--decisions", changed);
        Assert.Equal(1, diverged.Code);
        Assert.Matches(@"replay diverged: .*decision #\d+", diverged.Out);
        Assert.Contains("step", diverged.Out);

        // A file from another spec is refused before anything runs.
        Detsim.Result other = Detsim.Run("replay", "specs/03-semisync-after-commit-phantom-read.yaml", "--decisions", bug);
        Assert.Equal(2, other.Code);
        Assert.Contains("recorded for spec " + Spec, other.Err);

        // So is one from another DetSim version.
        string old = Path.Combine(dir, "old.json");
        File.WriteAllText(old, System.Text.RegularExpressions.Regex.Replace(text, "\"detsim_version\": \"[^\"]*\"", "\"detsim_version\": \"0.0.9\""));
        Detsim.Result version = Detsim.Run("replay", Spec, "--decisions", old);
        Assert.Equal(2, version.Code);
        Assert.Contains("recorded by DetSim 0.0.9", version.Err);
    }

    [Fact]
    public void A_seed_found_failure_replays_from_its_decision_file()
    {
        string dir = TempDir("seed-replay");
        string bug = Path.Combine(dir, "seed.json");
        Detsim.Result run = Detsim.Run("replay", "specs/02-async-failover-loses-acked-writes.yaml", "--seed", "1", "--out", bug);
        Assert.Contains("decision file:", run.Out);
        Detsim.Result replay = Detsim.Run("replay", "specs/02-async-failover-loses-acked-writes.yaml", "--decisions", bug);
        Assert.True(replay.Code == 0, replay.Out + replay.Err);
        Assert.Contains("reproduced exactly", replay.Out);
    }

    [Fact]
    public void An_unknown_strategy_lists_the_allowed_ones()
    {
        Detsim.Result r = Detsim.Run("explore", Spec, "--strategy", "bfs");
        Assert.Equal(2, r.Code);
        Assert.Contains("random, probabilistic, pct, fair-pct, delay-bounding, q-learning", r.Out + r.Err);
    }
}
