using System.ComponentModel;
using DetSim.Specs;
using DetSim.Testing.Coyote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class ReplayCommand : Command<ReplayCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<spec>")]
        [Description("The spec file.")]
        public string Spec { get; init; } = "";

        [CommandOption("--seed <S>")]
        [Description("The seed to reproduce (or --decisions).")]
        public string? Seed { get; init; }

        [CommandOption("--decisions <FILE>")]
        [Description("A decision file written by explore --out (or replay --out): replays its data seed and every scheduling decision.")]
        public string? Decisions { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("With --seed: write the seed's run as a decision file.")]
        public string? Out { get; init; }

        [CommandOption("--trace")]
        [Description("Print every step of the run.")]
        public bool Trace { get; init; }

        [CommandOption("--expect-hash <HASH>")]
        [Description("Fail (exit 1) unless the trace hash equals this one.")]
        public string? ExpectHash { get; init; }

        public override ValidationResult Validate() =>
            Seed is null && Decisions is null ? ValidationResult.Error("replay needs --seed <S> (or --decisions <FILE>)") :
            Seed is not null && Decisions is not null ? ValidationResult.Error("replay takes --seed <S> or --decisions <FILE>, not both") :
            Out is not null && Seed is null ? ValidationResult.Error("--out records a seed's run: use it with --seed") :
            ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        Spec spec = SpecFiles.LoadOne(settings.Spec);
        if (settings.Decisions is not null) return ReplayDecisions(spec, settings);
        ulong seed = Seeds.Parse(settings.Seed);
        SeedOutcome o = SpecJudge.RunSeed(spec, seed, captureTrace: true);
        int code = Explain.Print(spec, o, settings.Trace);
        if (settings.Out is not null)
        {
            RunVerdict v = ExploreStrategies.VerdictOf(spec)(new Core.Random.SimRandom(seed));
            new DecisionFile
            {
                DetSimVersion = VersionCommand.Version,
                Spec = spec.File,
                SpecHash = DecisionFile.HashOf(File.ReadAllText(spec.File)),
                Mode = "seed",
                DataSeed = seed,
                Failure = v.Failure,
                TraceHash = v.TraceHash,
            }.Write(settings.Out);
            Console.WriteLine($"decision file: {settings.Out}");
        }
        return ExpectHash(settings, o.TraceHash, code);
    }

    private static int ReplayDecisions(Spec spec, Settings settings)
    {
        DecisionFile file = DecisionFile.Read(settings.Decisions!, File.ReadAllText(spec.File), VersionCommand.Version);
        ReplayOutcome r = DecisionReplay.Run(ExploreStrategies.VerdictOf(spec), file);
        if (r.Divergence is not null)
        {
            Console.WriteLine($"{settings.Decisions}: {r.Divergence} (after {r.DecisionsReplayed} of {file.Decisions.Count} decisions)");
            return ExitCodes.ExpectationFailed;
        }
        Console.WriteLine($"replayed {settings.Decisions}: data seed {file.DataSeed}, {r.DecisionsReplayed} scheduling decisions, trace hash {r.Verdict.TraceHash}: reproduced exactly");
        Console.WriteLine(r.Verdict.Failure is null ? "no failure (as recorded)" : $"failure: {r.Verdict.Failure}");
        int code = r.Verdict.Failure is null
            ? (spec.Expect == Expectation.Holds ? ExitCodes.Ok : ExitCodes.ExpectationFailed)
            : r.Verdict.Failure.StartsWith(ExploreStrategies.BugPrefix, StringComparison.Ordinal) ? ExitCodes.ModelError
            : spec.Expect == Expectation.Violated ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
        return ExpectHash(settings, r.Verdict.TraceHash ?? "", code);
    }

    private static int ExpectHash(Settings settings, string hash, int code)
    {
        if (settings.ExpectHash is not null && !string.Equals(settings.ExpectHash, hash, StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"replay diverged: trace hash {hash}, expected {settings.ExpectHash}");
            return code == ExitCodes.ModelError ? code : ExitCodes.ExpectationFailed;
        }
        return code;
    }
}
