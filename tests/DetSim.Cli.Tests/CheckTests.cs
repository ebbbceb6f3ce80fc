using DetSim.Cli.Campaign;

namespace DetSim.Cli.Tests;

/// <summary>
/// `check` on a small representative set: a violated-spec, a holds-spec and a malformed spec. The
/// whole bundled campaign runs once, in .ci/run (`check specs`), not again here.
/// </summary>
public class CheckTests
{
    private const string Violated = "specs/02-async-failover-loses-acked-writes.yaml", Holds = "specs/12-row-format-converges.yaml";

    private static string Copy(TempDir dir, string spec)
    {
        string to = dir.File(Path.GetFileName(spec));
        File.Copy(Path.Combine(Detsim.Repo, spec), to);
        return to;
    }

    [Fact]
    public void A_malformed_spec_is_an_error_case_the_rest_still_run_and_the_exit_code_is_2()
    {
        using var dir = new TempDir();
        Copy(dir, Violated);
        Copy(dir, Holds);
        File.WriteAllText(dir.File("05-bad.yaml"), "name: bad\nexpect: holds\ncheck: [converged]\nservers:\n  s1: { sync_binlog: lots }\n");
        string junit = dir.File("out/check.xml"), results = dir.File("out/results.json");
        Detsim.Result r = Detsim.Run("check", dir.Path, "--seeds", "30", "--jobs", "2", "--junit", junit, "--results", results);

        Assert.True(r.Code == 2, r.Out + r.Err);
        Assert.Contains($"{dir.File("05-bad.yaml")}:5:22: error: servers.s1.sync_binlog: 'lots' is not an integer", r.Err);
        Assert.Contains("2 of 3 expectations met", r.Out);
        Assert.Contains("BAD SPEC", r.Out);
        Assert.Matches(@"row-format-converges +holds +met +30 ", r.Out);
        Assert.Empty(JUnitSchema.Problems(junit));
        string xml = File.ReadAllText(junit);
        Assert.Contains("<testsuite name=\"detsim check\" tests=\"3\" failures=\"0\" errors=\"1\" skipped=\"0\"", xml);
        Assert.Contains("<error type=\"bad_spec\"", xml);
        Assert.Single(ResultsFile.Read(results), x => x.BadSpec is not null);
    }

    [Fact]
    public void A_clean_check_writes_junit_that_jenkins_accepts_without_a_byte_order_mark()
    {
        using var dir = new TempDir();
        string junit = dir.File("check.xml");
        Detsim.Result r = Detsim.Run("check", Violated, Holds, "--seeds", "20", "--junit", junit);
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains("2 of 2 expectations met", r.Out);
        Assert.Empty(JUnitSchema.Problems(junit));
        Assert.NotEqual(0xEF, File.ReadAllBytes(junit)[0]);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", File.ReadAllText(junit));
    }

    [Fact]
    public void The_old_writer_output_fails_the_schema_check()
    {
        // The check above means something: a BOM or an attribute junit-10.xsd does not allow is caught.
        using var dir = new TempDir();
        string bad = dir.File("bad.xml");
        File.WriteAllText(bad, "<testsuites><testsuite name=\"x\" tests=\"1\" failures=\"0\" errors=\"0\" flaky=\"1\"><testcase name=\"t\"/></testsuite></testsuites>", new System.Text.UTF8Encoding(true));
        IReadOnlyList<string> problems = JUnitSchema.Problems(bad);
        Assert.Contains(problems, p => p.Contains("byte-order mark", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("flaky", StringComparison.Ordinal));
    }

    [Fact]
    public void With_CI_set_a_long_spec_prints_progress_lines_before_it_ends()
    {
        Detsim.Result r = Detsim.Run("check", Holds, "--seeds", "40", "--jobs", "2");
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains("  ...  row-format-converges: 4 of 40 seeds", r.Out);
        Assert.Contains("  ...  row-format-converges: 36 of 40 seeds", r.Out);
        Assert.True(r.Out.IndexOf("...  row-format-converges: 4 of", StringComparison.Ordinal) < r.Out.IndexOf("ok   row-format-converges", StringComparison.Ordinal));
    }

    [Fact]
    public void Jobs_and_shards_give_the_same_results_as_one_worker()
    {
        string[] specs = ["specs/03-semisync-after-commit-phantom-read.yaml", "specs/07-gtid-failover-lagging-replica-converges.yaml", "specs/20-parallel-applier-without-commit-order.yaml"];
        using var dir = new TempDir();
        string one = dir.File("one.json"), two = dir.File("two.json"), s1 = dir.File("s1.json"), s2 = dir.File("s2.json"), merged = dir.File("merged.json");
        Assert.Equal(0, Detsim.Run([ "check", .. specs, "--seeds", "60", "--jobs", "1", "--results", one ]).Code);
        Assert.Equal(0, Detsim.Run([ "check", .. specs, "--seeds", "60", "--jobs", "2", "--results", two ]).Code);
        Assert.Equal(0, Detsim.Run([ "check", .. specs, "--seeds", "60", "--shard", "1/2", "--results", s1 ]).Code);
        Assert.Equal(0, Detsim.Run([ "check", .. specs, "--seeds", "60", "--shard", "2/2", "--results", s2 ]).Code);
        Assert.Equal(0, Detsim.Run("merge", s1, s2, "--out", merged).Code);
        var a = ResultsFile.Read(one);
        var b = ResultsFile.Read(two);
        var m = ResultsFile.Read(merged);
        Assert.Equal(a.Select(x => (x.Name, x.Met, x.SeedsRun, x.FirstFailingSeed, x.TraceHash)), b.Select(x => (x.Name, x.Met, x.SeedsRun, x.FirstFailingSeed, x.TraceHash)));
        Assert.Equal(a.OrderBy(x => x.Name, StringComparer.Ordinal).Select(x => (x.Name, x.Met, x.FirstFailingSeed)), m.Select(x => (x.Name, x.Met, x.FirstFailingSeed)));
        // The holds-spec ran every seed across the two shards.
        Assert.Equal(60, m.Single(x => x.Name == "gtid-failover-lagging-replica-converges").SeedsRun);
    }

    [Fact]
    public void Shrink_writes_a_smaller_spec_that_still_fails_with_the_seed()
    {
        using var dir = new TempDir();
        string output = dir.File("min.yaml");
        Detsim.Result r = Detsim.Run("shrink", "specs/16-active-active-without-offsets.yaml", "--seed", "1", "--out", output);
        Assert.True(r.Code == 0, r.Out + r.Err);
        Assert.Contains("before: 2 servers, 2 clients / 4 sessions", r.Out);
        Detsim.Result replay = Detsim.Run("run", output, "--seed", "1");
        Assert.Contains("VIOLATION replication_running", replay.Out);
    }
}
