namespace DetSim.Cli.Tests;

public class SoakCommandTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("many")]
    public void A_seed_count_that_is_not_positive_is_bad_input(string seeds)
    {
        Detsim.Result r = Detsim.Run("soak", "--seeds", seeds);
        Assert.Equal(2, r.Code);
        Assert.Contains("--seeds", r.Err);
    }

    [Fact]
    public void An_unknown_unsafe_name_lists_the_allowed_ones()
    {
        Detsim.Result r = Detsim.Run("soak", "--unsafe", "asynch");
        Assert.Equal(2, r.Code);
        Assert.Contains("allowed: async, after_commit", r.Err);
    }

    [Fact]
    public void An_unsafe_flip_stops_at_its_first_violation_and_writes_the_scenario_with_a_replay_line()
    {
        string dir = Path.Combine(Path.GetTempPath(), "detsim-soak-" + Environment.ProcessId + "-" + Guid.NewGuid().ToString("N"));
        Detsim.Result r = Detsim.Run("soak", "--seeds", "20", "--unsafe", "no_log_replica_updates", "--out", dir);
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains("unsafe no_log_replica_updates: first violation at seed", r.Out);
        string file = Directory.GetFiles(dir, "soak-*.yaml").Single();
        Assert.Contains($"replay: detsim run {file} --seed", r.Out);
        Directory.Delete(dir, recursive: true);
    }
}
