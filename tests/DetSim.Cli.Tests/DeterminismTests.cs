namespace DetSim.Cli.Tests;

public class DeterminismTests
{
    private const string Spec = "specs/02-async-failover-loses-acked-writes.yaml";

    [Fact]
    public void The_same_seed_in_two_processes_prints_the_same_trace_hash()
    {
        Detsim.Result a = Detsim.Run("run", Spec, "--seed", "12345");
        Detsim.Result b = Detsim.Run("run", Spec, "--seed", "12345");
        Detsim.Result c = Detsim.Run("run", Spec, "--seed", "12346");
        Assert.Equal(0, a.Code);
        Assert.Matches("^[0-9a-f]{16}$", a.TraceHash);
        Assert.Equal(a.TraceHash, b.TraceHash);
        Assert.NotEqual(a.TraceHash, c.TraceHash);
    }

    [Fact]
    public void Replay_reproduces_the_failing_run_exactly()
    {
        Detsim.Result run = Detsim.Run("run", Spec, "--seed", "0x10");
        Assert.Contains("VIOLATION no_lost_acked_write", run.Out);
        Detsim.Result replay = Detsim.Run("replay", Spec, "--seed", "16", "--expect-hash", run.TraceHash);
        Assert.Equal(0, replay.Code);
        Assert.Equal(run.TraceHash, replay.TraceHash);
        Assert.Contains($"replay: detsim replay {Spec} --seed 16", replay.Out);
        Detsim.Result wrong = Detsim.Run("replay", Spec, "--seed", "16", "--expect-hash", "0000000000000000");
        Assert.Equal(1, wrong.Code);
        Assert.Contains("replay diverged", wrong.Out);
    }

    [Fact]
    public void Replay_with_trace_prints_every_step()
    {
        Detsim.Result r = Detsim.Run("replay", "specs/09-errant-gtid-promoted-anyway.yaml", "--seed", "1", "--trace");
        Assert.Equal(0, r.Code);
        Assert.Contains("fault     crash s1", r.Out);
        Assert.Contains("CHANGE REPLICATION SOURCE TO", r.Out);
    }
}
