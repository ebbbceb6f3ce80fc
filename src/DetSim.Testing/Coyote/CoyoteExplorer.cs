using System.Reflection;
using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using Microsoft.Coyote;
using Microsoft.Coyote.Random;
using Microsoft.Coyote.Specifications;
using Microsoft.Coyote.SystematicTesting;

namespace DetSim.Testing.Coyote;

/// <summary>
/// Runs a DetSim run function under Coyote's TestingEngine. Each iteration hands the run a
/// <see cref="CoyoteChoiceSource"/>: Coyote's scheduler decides which enabled lane runs at every
/// scheduling decision (<see cref="CoyotePicker"/>) and chooses the iteration's data seed; DetSim
/// records the decisions, so a failure comes back both as Coyote's reproducible trace and as a
/// DetSim decision list that replays without Coyote (<see cref="ReplayingPicker"/>).
/// </summary>
public static class CoyoteExplorer
{
    public static ExploreResult Explore(Func<IChoiceSource, RunVerdict> run, ExploreOptions options) => Run(run, Configure(options), options);

    public static ExploreResult Explore(Func<IChoiceSource, string?> run, ExploreOptions options) => Explore(c => new RunVerdict(run(c), null), options);

    /// <summary>Re-runs the failing iteration from Coyote's reproducible trace; returns its failure.</summary>
    public static string? Replay(Func<IChoiceSource, string?> run, string reproducibleTrace, ExploreOptions options) =>
        Run(c => new RunVerdict(run(c), null), Configure(options).WithReproducibleTrace(reproducibleTrace), options).Failure;

    private static ExploreResult Run(Func<IChoiceSource, RunVerdict> run, Configuration config, ExploreOptions options)
    {
        // Coyote 1.7.11 writes its progress to the console whatever the logging settings say; the
        // caller prints what matters, so the engine runs with the console muted.
        TextWriter console = Console.Out;
        Console.SetOut(TextWriter.Null);
        try
        {
            return RunMuted(run, config, options);
        }
        finally
        {
            Console.SetOut(console);
        }
    }

    private static ExploreResult RunMuted(Func<IChoiceSource, RunVerdict> run, Configuration config, ExploreOptions options)
    {
        int iteration = 0;
        int? first = null;
        RunVerdict? failure = null;
        ulong? failingSeed = null;
        IReadOnlyList<Decision>? decisions = null;
        var hashes = new List<ulong>();
        long total = 0;
        TestingEngine engine = TestingEngine.Create(config, () =>
        {
            iteration++;
            var picker = new CoyotePicker(options.EffectiveWindow);
            var recorder = new RecordingPicker(picker);
            ulong seed = options.DataSeed ?? CoyoteChoiceSource.DrawSeed(Generator.Create());
            RunVerdict v;
            try
            {
                v = run(new CoyoteChoiceSource(seed, recorder));
            }
            finally
            {
                picker.Finish();
            }
            hashes.Add(recorder.ScheduleHash);
            total += recorder.Count;
            if (v.Failure is not null && first is null)
            {
                first = iteration;
                failure = v;
                failingSeed = seed;
                decisions = recorder.Decisions();
            }
            Specification.Assert(v.Failure is null, "{0}", v.Failure ?? "");
        });
        engine.Run();
        bool found = engine.TestReport.NumOfFoundBugs > 0;
        return new ExploreResult(found, iteration, first, failure?.Failure, found ? engine.ReproducibleTrace : null, StrategyName(config))
        {
            DataSeed = failingSeed,
            Window = options.EffectiveWindow,
            Decisions = decisions,
            TraceHash = failure?.TraceHash,
            ScheduleHashes = hashes,
            SchedulingDecisions = total,
        };
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
            CoyoteStrategy.Prioritization => c.WithPrioritizationStrategy(false, (uint)o.PriorityChanges),
            CoyoteStrategy.FairPrioritization => c.WithPrioritizationStrategy(true, (uint)o.PriorityChanges),
            CoyoteStrategy.DelayBounding => c.WithDelayBoundingStrategy(false, (uint)o.PriorityChanges),
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
