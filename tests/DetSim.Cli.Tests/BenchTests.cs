using System.Text.Json;

namespace DetSim.Cli.Tests;

/// <summary>`bench all` is a benchmark, not a test: only that it runs and writes its report is checked, never a speed.</summary>
public class BenchTests
{
    [Fact]
    public void Bench_all_quick_runs_and_writes_its_report_and_json()
    {
        string dir = Path.Combine(Path.GetTempPath(), "detsim-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        string md = Path.Combine(dir, "benchmarks.md"), json = Path.Combine(dir, "bench.json");
        Detsim.Result r = Detsim.Run("bench", "all", "--quick", "--out", md, "--json", json);
        Assert.True(r.Code == 0, r.Out + r.Err);
        string report = File.ReadAllText(md);
        foreach (string section in new[] { "## Goals (issue 14)", "## Kernel", "## Cost per seed", "## Standard spec through the campaign runner", "## Seeds and CPU to the first failure", "## Checker cost per history operation", "## Memory over many seeds" })
            Assert.Contains(section, report);
        Assert.Contains("checksums over every event's time, target and tag **agree**", report);
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal(3, doc.RootElement.GetProperty("Kernel").GetArrayLength());
        Assert.True(doc.RootElement.GetProperty("SeedCosts").GetArrayLength() >= 4);
    }
}
