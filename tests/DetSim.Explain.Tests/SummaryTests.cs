namespace DetSim.Explain.Tests;

/// <summary>`run`, `replay` and `check` summaries: faults and failover printed, violations never cut.</summary>
public class SummaryTests
{
    [Fact]
    public void Run_prints_each_fault_and_the_failover_with_its_time()
    {
        DetsimProcess.Result r = DetsimProcess.Run("run", "specs/09-errant-gtid-promoted-anyway.yaml", "--seed", "1");
        Assert.Equal(0, r.Code);
        Assert.Contains("  fault at 100.000 ms: fault: sql r1: INSERT INTO posts (likes) VALUES (999)", r.Out);
        Assert.Contains("  crash at 400.000 ms: s1 crashed (power-loss)", r.Out);
        Assert.Matches(@"  error at 5\d\d\.\d{3} ms: r2: applier error 1062", r.Out);
        // The failover tool asks the servers over the network, so it finishes a few ms after the 500 ms fault.
        Assert.Matches(@"  failover at 0\.50\d{4}s: s1 -> r1 \(Gtid\); re-pointed r2; errant GTIDs", r.Out);
        Assert.DoesNotContain("   at ", r.Err);
    }

    [Fact]
    public void Check_summary_keeps_the_whole_violation()
    {
        DetsimProcess.Result r = DetsimProcess.Run("check", "specs/10-purged-gtids-error-1236.yaml", "--seeds", "1");
        string line = r.Out.Split('\n').First(l => l.Contains("purged-gtids-error-1236 (", StringComparison.Ordinal));
        // The part that explains it comes last: the GTID set the replica sent and the purged one.
        Assert.Contains("Consider increasing the source's binary log expiration period.", line);
        Assert.DoesNotContain("...", line);
    }
}
