using DetSim.Cli.Campaign;
using DetSim.Cli.Commands;
using DetSim.Core;
using DetSim.Core.Time;
using DetSim.Replication.Failover;
using DetSim.Replication.Scenarios;
using DetSim.Specs;

namespace DetSim.Cli.Tests;

/// <summary>Console is process-wide: the in-process tests that capture it run one at a time.</summary>
[CollectionDefinition("console", DisableParallelization = true)]
public sealed class ConsoleCollection;

/// <summary>
/// A failed model assertion ends the run as a DetSim bug: exit code 3, printed with the seed and the
/// replay line, never a MySQL finding nor an expectation met. Driven in-process through the same
/// code the commands run, with a test-only failover tool whose Invariant.That fails.
/// </summary>
[Collection("console")]
public class ModelErrorTests
{
    private sealed class BrokenModel : IFailoverProcedure
    {
        public void Run(ClusterControl cluster) => Invariant.That(cluster.Now < SimTime.Zero, "test: a model assertion that fails");
    }

    private static Spec Spec(string name) => SpecFiles.LoadOne(Path.Combine(Detsim.Repo, "specs", name)) with { File = $"specs/{name}" };

    private static (int Code, string Out) Capture(Func<int> run)
    {
        TextWriter old = Console.Out;
        var text = new StringWriter();
        Console.SetOut(text);
        try
        {
            return (run(), text.ToString());
        }
        finally
        {
            Console.SetOut(old);
        }
    }

    [Fact]
    public void Check_exits_3_and_names_a_detsim_bug_with_seed_and_replay_in_table_junit_and_results()
    {
        using var dir = new TempDir();
        string junit = dir.File("junit.xml"), results = dir.File("results.json");
        Spec[] specs = [Spec("02-async-failover-loses-acked-writes.yaml"), Spec("12-row-format-converges.yaml")];
        var runner = new CheckRunner(1, Shard.All, new BrokenModel());
        (int code, string output) = Capture(() => CheckCommand.Check(specs, runner, 3, 5, junit, results, interactive: false, CancellationToken.None));

        Assert.Equal(ExitCodes.ModelError, code);
        Assert.Equal(3, code);
        Assert.Contains("DetSim bug (model error) at seed 5, not a MySQL finding", output);
        Assert.Contains("replay: detsim replay specs/02-async-failover-loses-acked-writes.yaml --seed 5", output);
        Assert.Contains("MODEL ERROR", output); // the table
        Assert.Contains("1 of 2 expectations met", output); // the spec without a failover still held

        string xml = File.ReadAllText(junit);
        Assert.Contains("failures=\"0\" errors=\"1\"", xml);
        Assert.Contains("<error type=\"model_error\"", xml);
        Assert.Contains("--seed 5", xml);

        SpecResult r = ResultsFile.Read(results).Single(x => x.Name == "async-failover-loses-acked-writes");
        Assert.True(r.ModelError);
        Assert.False(r.Met);
        Assert.Equal(5UL, r.FirstFailingSeed);
        // Merged shards keep it, and merge exits 3 too.
        IReadOnlyList<SpecResult> merged = ResultsFile.Merge(ResultsFile.Read(results));
        Assert.Equal(ExitCodes.ModelError, ExitCodes.Of(merged));
    }

    [Fact]
    public void Run_and_replay_print_a_detsim_bug_and_exit_3()
    {
        Spec spec = Spec("02-async-failover-loses-acked-writes.yaml");
        SeedOutcome o = SpecJudge.RunSeed(spec, 9, failover: new BrokenModel());
        (int code, string output) = Capture(() => Explain.Print(spec, o, trace: false));
        Assert.Equal(3, code);
        Assert.Contains("DETSIM BUG (model error, exit code 3) at seed 9", output);
        Assert.Contains("not a finding about MySQL", output);
        Assert.Contains("replay: detsim replay specs/02-async-failover-loses-acked-writes.yaml --seed 9", output);
        Assert.DoesNotContain("VIOLATION", output);
    }

    [Fact]
    public void Explore_reports_a_model_error_as_a_detsim_bug()
    {
        Spec spec = Spec("02-async-failover-loses-acked-writes.yaml");
        string? failure = ExploreStrategies.RunOf(spec, new BrokenModel())(new Core.Random.SimRandom(1));
        Assert.StartsWith(ExploreStrategies.BugPrefix, failure);
    }

    [Fact]
    public void A_healthy_run_still_exits_0()
    {
        Spec spec = Spec("02-async-failover-loses-acked-writes.yaml");
        (int code, string output) = Capture(() => Explain.Print(spec, SpecJudge.RunSeed(spec, 1), trace: false));
        Assert.Equal(0, code);
        Assert.Contains("VIOLATION no_lost_acked_write", output);
    }
}
