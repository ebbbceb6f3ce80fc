using System.ComponentModel;
using DetSim.Specs;
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
        [Description("The seed to reproduce (required).")]
        public string? Seed { get; init; }

        [CommandOption("--trace")]
        [Description("Print every step of the run.")]
        public bool Trace { get; init; }

        [CommandOption("--expect-hash <HASH>")]
        [Description("Fail (exit 1) unless the trace hash equals this one.")]
        public string? ExpectHash { get; init; }

        public override ValidationResult Validate() =>
            Seed is null ? ValidationResult.Error("replay needs --seed <S>") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        Spec spec = SpecFiles.LoadOne(settings.Spec);
        ulong seed = Seeds.Parse(settings.Seed);
        SeedOutcome o = SpecJudge.RunSeed(spec, seed, captureTrace: true);
        int code = Explain.Print(spec, o, settings.Trace);
        if (settings.ExpectHash is not null && !string.Equals(settings.ExpectHash, o.TraceHash, StringComparison.OrdinalIgnoreCase))
        {
            Console.WriteLine($"replay diverged: trace hash {o.TraceHash}, expected {settings.ExpectHash}");
            return code == ExitCodes.ModelError ? code : ExitCodes.ExpectationFailed;
        }
        return code;
    }
}
