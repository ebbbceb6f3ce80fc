using System.ComponentModel;
using DetSim.Specs;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class RunCommand : Command<RunCommand.Settings>
{
    public sealed class Settings : SpecSeedSettings
    {
        [CommandOption("--trace")]
        [Description("Print every step of the run.")]
        public bool Trace { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        Spec spec = SpecFiles.LoadOne(settings.Spec);
        ulong seed = settings.Seed is null ? spec.SeedStart : Seeds.Parse(settings.Seed);
        SeedOutcome o = SpecJudge.RunSeed(spec, seed, captureTrace: true); // the summary's faults come from the trace
        int code = Explain.Print(spec, o, settings.Trace);
        foreach (string missed in o.Report?.CrashPointsNotFired ?? []) Console.WriteLine($"  {missed}");
        // This seed settles a holds-spec against its expectation (an invariant broke, or the run was cut short): exit 1, as `check` would.
        if (code == ExitCodes.Ok && spec.Expect == Expectation.Holds && SpecJudge.IsDecisive(spec, o))
        {
            Console.WriteLine($"expectation failed: {spec.Name} expects its invariants to hold, and seed {o.Seed} breaks them (exit code {ExitCodes.ExpectationFailed})");
            return ExitCodes.ExpectationFailed;
        }
        return code;
    }
}
