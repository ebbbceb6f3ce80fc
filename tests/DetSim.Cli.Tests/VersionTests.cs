namespace DetSim.Cli.Tests;

public class VersionTests
{
    [Fact]
    public void Version_names_the_tool_and_the_runtime()
    {
        Detsim.Result r = Detsim.Run("version");
        Assert.Equal(0, r.Code);
        Assert.StartsWith("detsim 0.1.0", r.Out);
        Assert.Contains(".NET", r.Out);
    }

    [Fact]
    public void Bench_kernel_prints_both_loops_and_their_ratio()
    {
        Detsim.Result r = Detsim.Run("bench", "kernel", "--events", "20000", "--repeat", "1");
        Assert.Equal(0, r.Code);
        Assert.Contains("Scheduler", r.Out);
        Assert.Contains("PriorityQueue loop", r.Out);
        Assert.Matches("ratio Scheduler / PriorityQueue loop: [0-9.]+ ?%", r.Out);
    }
}
