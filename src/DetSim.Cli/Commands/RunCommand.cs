using System.ComponentModel;
using DetSim.Specs;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class RunCommand : Command<RunCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<spec>")]
        [Description("The spec file.")]
        public string Spec { get; init; } = "";

        [CommandOption("--seed <S>")]
        [Description("The seed (decimal or 0x-hex; default: the spec's seed_start).")]
        public string? Seed { get; init; }

        [CommandOption("--trace")]
        [Description("Print every step of the run.")]
        public bool Trace { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        Spec spec = SpecFiles.LoadOne(settings.Spec);
        ulong seed = settings.Seed is null ? spec.SeedStart : Seeds.Parse(settings.Seed);
        SeedOutcome o = SpecJudge.RunSeed(spec, seed, settings.Trace);
        int code = Explain.Print(spec, o, settings.Trace);
        foreach (string missed in o.Report?.CrashPointsNotFired ?? []) Console.WriteLine($"  {missed}");
        return code;
    }
}
