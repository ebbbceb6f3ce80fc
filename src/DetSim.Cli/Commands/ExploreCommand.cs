using System.ComponentModel;
using System.Globalization;
using DetSim.Core.Random;
using DetSim.Core.Time;
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
        [Description("random | probabilistic | pct | fair-pct | delay-bounding | q-learning")]
        public string Strategy { get; init; } = "random";

        [CommandOption("--iterations <N>")]
        public uint Iterations { get; init; } = 100;

        [CommandOption("--engine-seed <S>")]
        public uint EngineSeed { get; init; } = 1;

        [CommandOption("--window <D>")]
        [Description("How far past the earliest pending event another may run first, e.g. 1ms (default), 0us (only simultaneous events).")]
        public string? Window { get; init; }

        [CommandOption("--data-seed <S>")]
        [Description("Fix the data seed (latencies, losses, workload) so only the schedule varies; default: Coyote chooses one per iteration.")]
        public string? DataSeed { get; init; }

        [CommandOption("--priority-changes <N>")]
        [Description("PCT / fair-PCT priority change points, delay-bounding's delays (default 10).")]
        public int PriorityChanges { get; init; } = 10;

        [CommandOption("--out <FILE>")]
        [Description("Write the failure as a DetSim decision file: detsim replay <spec> --decisions FILE reproduces it.")]
        public string? Out { get; init; }

        [CommandOption("--trace-out <FILE>")]
        [Description("Where to save Coyote's reproducible trace of a failure.")]
        public string? TraceOut { get; init; }

        public override ValidationResult Validate() =>
            Iterations < 1 ? ValidationResult.Error("--iterations must be at least 1") :
            CoyoteStrategies.Parse(Strategy) is null ? ValidationResult.Error($"--strategy '{Strategy}' is not one of: {CoyoteStrategies.Allowed}") :
            PriorityChanges < 0 ? ValidationResult.Error("--priority-changes must not be negative") :
            ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancel)
    {
        Spec spec = SpecFiles.LoadOne(s.Spec);
        Duration window = s.Window is null ? ExploreOptions.DefaultWindow : ExploreStrategies.ParseWindow(s.Window);
        ulong? dataSeed = s.DataSeed is null ? null : Seeds.Parse(s.DataSeed);
        var options = new ExploreOptions(CoyoteStrategies.Parse(s.Strategy)!.Value, s.Iterations, EngineSeed: s.EngineSeed, Window: window, DataSeed: dataSeed, PriorityChanges: s.PriorityChanges);
        ExploreResult r = CoyoteExplorer.Explore(ExploreStrategies.VerdictOf(spec), options);
        Console.WriteLine($"explore {spec.Name} with Coyote ({r.StrategyUsed}), {r.Iterations} iterations, window {window}, {r.SchedulingDecisions} scheduling decisions by Coyote");
        if (!r.Found)
        {
            Console.WriteLine($"no failure found in {r.Iterations} iterations");
            return spec.Expect == Expectation.Holds ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
        }
        bool bug = r.Failure?.StartsWith(ExploreStrategies.BugPrefix, StringComparison.Ordinal) == true;
        Console.WriteLine(bug
            ? $"DETSIM BUG (model error, exit code {ExitCodes.ModelError}) at iteration {r.FirstFailureIteration}, not a finding about MySQL: {r.Failure}"
            : $"failure at iteration {r.FirstFailureIteration} (data seed {r.DataSeed}, {r.Decisions?.Count ?? 0} scheduling decisions): {r.Failure}");
        if (s.TraceOut is not null)
        {
            File.WriteAllText(s.TraceOut, r.ReproducibleTrace);
            Console.WriteLine($"Coyote reproducible trace: {s.TraceOut}");
        }
        if (s.Out is not null)
        {
            new DecisionFile
            {
                DetSimVersion = VersionCommand.Version,
                Spec = spec.File,
                SpecHash = DecisionFile.HashOf(File.ReadAllText(spec.File)),
                DataSeed = r.DataSeed!.Value,
                WindowMicros = r.Window.Micros,
                Strategy = CoyoteStrategies.NameOf(options.Strategy),
                EngineSeed = s.EngineSeed,
                Iteration = r.FirstFailureIteration,
                Failure = r.Failure,
                TraceHash = r.TraceHash,
                Decisions = r.Decisions!.Select(d => d.ToString()).ToList(),
            }.Write(s.Out);
            Console.WriteLine($"decision file: {s.Out}\nreplay: detsim replay {spec.File} --decisions {s.Out}");
        }
        if (bug) return ExitCodes.ModelError;
        return spec.Expect == Expectation.Violated ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
    }
}

internal static class ExploreStrategies
{
    /// <summary>How a model error's failure text starts (SpecJudge's model errors all do).</summary>
    public const string BugPrefix = "DetSim bug";

    public static Duration ParseWindow(string text)
    {
        string t = text.Trim();
        (string digits, long unit) = t.EndsWith("us", StringComparison.Ordinal) ? (t[..^2], 1L) : t.EndsWith("ms", StringComparison.Ordinal) ? (t[..^2], 1000L) : t.EndsWith('s') ? (t[..^1], 1_000_000L) : (t, -1L);
        if (unit < 0 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n))
            throw new BadInputException($"--window '{text}' is not a duration such as 0us, 500us, 1ms or 1s");
        return Duration.FromMicros(checked(n * unit));
    }

    /// <summary>
    /// One run of the spec with the given choices: the expected invariant (or any) if it breaks in a
    /// run that finished normally, or the model error; and the run's trace hash.
    /// </summary>
    public static Func<IChoiceSource, string?> RunOf(Spec spec, Replication.Failover.IFailoverProcedure? failover = null)
    {
        var verdict = VerdictOf(spec, failover);
        return choices => verdict(choices).Failure;
    }

    public static Func<IChoiceSource, RunVerdict> VerdictOf(Spec spec, Replication.Failover.IFailoverProcedure? failover = null) => choices =>
    {
        ulong seed = choices is PickingChoiceSource p ? p.DataSeed : choices is CoyoteChoiceSource c ? c.DataSeed : choices is SimRandom r ? r.Seed : spec.SeedStart;
        SeedOutcome o = SpecJudge.RunSeed(spec, seed, choices: choices, failover: failover);
        if (o.ModelError is not null) return new RunVerdict(o.ModelError, o.TraceHash);
        if (o.Kind != SeedKind.Finished) return new RunVerdict(null, o.TraceHash); // a run cut short is no evidence
        return new RunVerdict((spec.ExpectInvariant is null ? o.Violations.FirstOrDefault() : o.Violations.FirstOrDefault(v => v.Invariant == spec.ExpectInvariant))?.ToString(), o.TraceHash);
    };
}
