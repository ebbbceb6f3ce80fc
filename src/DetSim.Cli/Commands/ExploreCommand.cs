using System.ComponentModel;
using DetSim.Core.Random;
using DetSim.Specs;
using DetSim.Testing.Coyote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class ExploreCommand : Command<ExploreCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<spec>")]
        public string Spec { get; init; } = "";

        [CommandOption("--strategy <S>")]
        [Description("random | probabilistic | pct (prioritization) | fair-pct | delay-bounding | q-learning")]
        public string Strategy { get; init; } = "random";

        [CommandOption("--iterations <N>")]
        public uint Iterations { get; init; } = 100;

        [CommandOption("--engine-seed <S>")]
        public uint EngineSeed { get; init; } = 1;

        [CommandOption("--trace-out <FILE>")]
        [Description("Where to save Coyote's reproducible trace of a failure.")]
        public string? TraceOut { get; init; }

        public override ValidationResult Validate() =>
            Iterations < 1 ? ValidationResult.Error("--iterations must be at least 1") :
            ExploreStrategies.Parse(Strategy) is null ? ValidationResult.Error($"--strategy '{Strategy}' is not one of: random, probabilistic, pct, fair-pct, delay-bounding, q-learning") :
            ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancel)
    {
        Spec spec = SpecFiles.LoadOne(s.Spec);
        var options = new ExploreOptions(ExploreStrategies.Parse(s.Strategy)!.Value, s.Iterations, EngineSeed: s.EngineSeed);
        ExploreResult r = CoyoteExplorer.Explore(ExploreStrategies.RunOf(spec), options);
        Console.WriteLine($"explore {spec.Name} with Coyote ({r.StrategyUsed}), {r.Iterations} iterations");
        if (!r.Found)
        {
            Console.WriteLine($"no failure found in {r.Iterations} iterations");
            return spec.Expect == Expectation.Holds ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
        }
        bool bug = r.Failure?.StartsWith(ExploreStrategies.BugPrefix, StringComparison.Ordinal) == true;
        Console.WriteLine(bug
            ? $"DETSIM BUG (model error, exit code {ExitCodes.ModelError}) at iteration {r.FirstFailureIteration}, not a finding about MySQL: {r.Failure}"
            : $"failure at iteration {r.FirstFailureIteration}: {r.Failure}");
        if (s.TraceOut is not null)
        {
            File.WriteAllText(s.TraceOut, r.ReproducibleTrace);
            Console.WriteLine($"Coyote reproducible trace: {s.TraceOut}");
        }
        if (bug) Console.WriteLine($"replay: {(s.TraceOut is null ? "rerun with --trace-out FILE to save Coyote's reproducible trace" : $"Coyote trace {s.TraceOut}")} (spec {spec.File}, seed {spec.SeedStart})");
        if (bug) return ExitCodes.ModelError;
        return spec.Expect == Expectation.Violated ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }
}

internal static class ExploreStrategies
{
    public static CoyoteStrategy? Parse(string s) => s.ToLowerInvariant() switch
    {
        "random" => CoyoteStrategy.Random,
        "probabilistic" => CoyoteStrategy.Probabilistic,
        "pct" or "prioritization" => CoyoteStrategy.Prioritization,
        "fair-pct" => CoyoteStrategy.FairPrioritization,
        "delay-bounding" => CoyoteStrategy.DelayBounding,
        "q-learning" or "qlearning" => CoyoteStrategy.QLearning,
        _ => null,
    };

    /// <summary>How a model error's failure text starts (SpecJudge's model errors all do).</summary>
    public const string BugPrefix = "DetSim bug";

    /// <summary>
    /// One Coyote iteration: run the spec with Coyote's choices, report the expected invariant (or any)
    /// if it breaks in a run that finished normally, or the model error.
    /// </summary>
    public static Func<IChoiceSource, string?> RunOf(Spec spec, Replication.Failover.IFailoverProcedure? failover = null) => choices =>
    {
        SeedOutcome o = SpecJudge.RunSeed(spec, spec.SeedStart, choices: choices, failover: failover);
        if (o.ModelError is not null) return o.ModelError;
        if (o.Kind != SeedKind.Finished) return null; // a run cut short is no evidence
        return (spec.ExpectInvariant is null ? o.Violations.FirstOrDefault() : o.Violations.FirstOrDefault(v => v.Invariant == spec.ExpectInvariant))?.ToString();
    };
}
