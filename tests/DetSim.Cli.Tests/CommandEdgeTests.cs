namespace DetSim.Cli.Tests;

/// <summary>The small commands at the edges: run's exit code, bench's chart file, shrink's output.</summary>
public class CommandEdgeTests
{
    [Fact]
    public void Run_exits_1_when_the_seed_breaks_a_holds_spec()
    {
        using var dir = new TempDir();
        string holds = dir.File("holds.yaml");
        string text = File.ReadAllText(Path.Combine(Detsim.Repo, "specs/02-async-failover-loses-acked-writes.yaml"));
        File.WriteAllText(holds, System.Text.RegularExpressions.Regex.Replace(text.Replace("expect: violated", "expect: holds", StringComparison.Ordinal), "(?m)^expect_invariant:.*$", ""));
        Detsim.Result r = Detsim.Run("run", holds, "--seed", "1");
        Assert.True(r.Code == 1, r.Out + r.Err);
        Assert.Contains("VIOLATION no_lost_acked_write", r.Out);
        Assert.Contains("expectation failed", r.Out);
        // The violated-spec itself: the same seed shows what it expects, exit 0.
        Assert.Equal(0, Detsim.Run("run", "specs/02-async-failover-loses-acked-writes.yaml", "--seed", "1").Code);
    }

    [Fact]
    public void Bench_formats_png_without_a_name_writes_bench_formats_png()
    {
        using var dir = new TempDir();
        Detsim.Result r = Detsim.RunIn(dir.Path, "bench", "formats", "--png", "--rows", "10");
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains("chart: bench-formats.png", r.Out);
        Assert.Equal(["bench-formats.png"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void Shrink_writes_outside_specs_by_default()
    {
        using var dir = new TempDir();
        Directory.CreateDirectory(Path.Combine(dir.Path, "specs"));
        File.Copy(Path.Combine(Detsim.Repo, "specs/16-active-active-without-offsets.yaml"), Path.Combine(dir.Path, "specs", "16.yaml"));
        Detsim.Result r = Detsim.RunIn(dir.Path, "shrink", "specs/16.yaml", "--seed", "1");
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains($"minimal spec: {Path.Combine("artifacts", "shrink", "16.min.yaml")}", r.Out);
        Assert.Equal(["16.yaml"], Directory.GetFiles(Path.Combine(dir.Path, "specs")).Select(Path.GetFileName));
        Assert.True(File.Exists(Path.Combine(dir.Path, "artifacts", "shrink", "16.min.yaml")));
    }
}
