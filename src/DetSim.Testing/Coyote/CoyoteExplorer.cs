using System.Reflection;
using DetSim.Core.Random;
using Microsoft.Coyote;
using Microsoft.Coyote.Random;
using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;

namespace DetSim.Testing.Coyote;

/// <summary>
/// Runs a DetSim run function under Coyote's TestingEngine: each iteration hands the run a
/// <see cref="CoyoteChoiceSource"/>, and a returned failure becomes a Coyote assertion failure.
/// </summary>
public static class CoyoteExplorer
{
    public static ExploreResult Explore(Func<IChoiceSource, string?> run, ExploreOptions options) => Run(run, Configure(options), options.Strategy);

    /// <summary>Re-runs the failing iteration from Coyote's reproducible trace; returns its failure.</summary>
    public static string? Replay(Func<IChoiceSource, string?> run, string reproducibleTrace, ExploreOptions options) =>
        Run(run, Configure(options).WithReproducibleTrace(reproducibleTrace), options.Strategy).Failure;

    private static ExploreResult Run(Func<IChoiceSource, string?> run, Configuration config, CoyoteStrategy strategy)
    {
        int iteration = 0;
        int? first = null;
        string? failure = null;
        TestingEngine engine = TestingEngine.Create(config, () =>
        {
            iteration++;
            string? f = run(new CoyoteChoiceSource(Generator.Create()));
            if (f is not null && first is null)
            {
                first = iteration;
                failure = f;
            }
            Specification.Assert(f is null, "{0}", f ?? "");
        });
        engine.Run();
        bool found = engine.TestReport.NumOfFoundBugs > 0;
        return new ExploreResult(found, iteration, first, failure, found ? engine.ReproducibleTrace : null, StrategyName(config));
    }

    private static Configuration Configure(ExploreOptions o)
    {
        Configuration c = Configuration.Create()
            .WithTestingIterations(o.Iterations)
            .WithMaxSchedulingSteps(o.MaxSteps)
            .WithRandomGeneratorSeed(o.EngineSeed)
            .WithTelemetryEnabled(false)
            .WithConsoleLoggingEnabled(false);
        // In 1.7.11 the engine runs a "portfolio" of strategies unless told otherwise (PortfolioMode =
        // Fair by default) and the switch is internal: set it to None so the chosen strategy runs.
        FieldInfo portfolio = typeof(Configuration).GetField("PortfolioMode", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            ?? throw new InvalidOperationException("Coyote's Configuration has no PortfolioMode field: a Coyote version other than 1.7.11?");
        portfolio.SetValue(c, Enum.Parse(portfolio.FieldType, "None"));
        return o.Strategy switch
        {
            CoyoteStrategy.Probabilistic => c.WithProbabilisticStrategy(3),
            CoyoteStrategy.Prioritization => c.WithPrioritizationStrategy(false, 10),
            CoyoteStrategy.FairPrioritization => c.WithPrioritizationStrategy(true, 10),
            CoyoteStrategy.DelayBounding => c.WithDelayBoundingStrategy(false, 10),
            // Coyote 1.7.11 has a Q-learning strategy but no public With… for it: set the strategy
            // name the `coyote test --strategy q-learning` command line sets.
            CoyoteStrategy.QLearning => SetStrategyName(c, "QLearning"),
            _ => c,
        };
    }

    // Coyote 1.7.11 has a Q-learning strategy but no public With… method for it: set the internal
    // ExplorationStrategy property (an internal enum) to QLearning, as its command line does.
    private static readonly PropertyInfo Strategy = typeof(Configuration).GetProperty("ExplorationStrategy", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
        ?? throw new InvalidOperationException("Coyote's Configuration has no ExplorationStrategy property: a Coyote version other than 1.7.11?");

    private static Configuration SetStrategyName(Configuration c, string name)
    {
        Strategy.SetValue(c, Enum.Parse(Strategy.PropertyType, name));
        return c;
    }

    public static string StrategyName(Configuration c) => Strategy.GetValue(c)?.ToString() ?? "?";
}
