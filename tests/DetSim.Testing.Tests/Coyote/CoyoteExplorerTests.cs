using DetSim.Core.Random;
using DetSim.Specs;
using DetSim.Testing.Coyote;
using Xunit.Abstractions;

namespace DetSim.Testing.Tests.Coyote;

/// <summary>Coyote drives the same model (scheduling decisions and the data seed) and finds the seed bugs.</summary>
public class CoyoteExplorerTests(ITestOutputHelper output)
{
    private static Spec Load(string name)
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DetSim.sln"))) dir = Path.GetDirectoryName(dir);
        SpecParseResult r = SpecLoader.Load(Path.Combine(dir!, "specs", name + ".yaml"));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Spec!;
    }

    private static Func<IChoiceSource, string?> RunOf(Spec spec, string invariant) => choices =>
    {
        SeedOutcome o = SpecJudge.RunSeed(spec, 0, choices: choices);
        return o.Violations.FirstOrDefault(v => v.Invariant == invariant)?.ToString() ?? (o.ModelError is { } e ? "model error: " + e : null);
    };

    [Theory]
    [InlineData("02-async-failover-loses-acked-writes", "no_lost_acked_write")]
    [InlineData("03-semisync-after-commit-phantom-read", "no_phantom_read")]
    public void Coyote_finds_the_seed_bug_and_its_trace_replays_it(string name, string invariant)
    {
        Spec spec = Load(name);
        var options = new ExploreOptions(CoyoteStrategy.Random, Iterations: 50);
        ExploreResult r = CoyoteExplorer.Explore(RunOf(spec, invariant), options);
        output.WriteLine($"{name}: found at iteration {r.FirstFailureIteration} with {r.StrategyUsed}");
        Assert.True(r.Found, $"not found within {options.Iterations} iterations");
        Assert.NotNull(r.ReproducibleTrace);
        Assert.Equal(r.Failure, CoyoteExplorer.Replay(RunOf(spec, invariant), r.ReproducibleTrace!, options));
    }

    [Fact]
    public void Coyote_finds_nothing_on_after_sync_with_acks_in_time()
    {
        Spec spec = Load("04-semisync-after-sync-holds");
        ExploreResult r = CoyoteExplorer.Explore(RunOf(spec, "no_phantom_read"), new ExploreOptions(CoyoteStrategy.Random, Iterations: 10));
        Assert.False(r.Found, r.Failure);
        Assert.Equal(10, r.Iterations);
    }

    [Theory]
    [InlineData(CoyoteStrategy.Probabilistic)]
    [InlineData(CoyoteStrategy.Prioritization)]
    [InlineData(CoyoteStrategy.DelayBounding)]
    public void Every_strategy_finds_the_async_lost_write(CoyoteStrategy strategy)
    {
        Spec spec = Load("02-async-failover-loses-acked-writes");
        ExploreResult r = CoyoteExplorer.Explore(RunOf(spec, "no_lost_acked_write"), new ExploreOptions(strategy, Iterations: 50));
        output.WriteLine($"{strategy} ({r.StrategyUsed}): iteration {r.FirstFailureIteration}");
        Assert.True(r.Found);
    }
}
