using System.ComponentModel;
using DetSim.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class ShrinkCommand : Command<ShrinkCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<spec>")]
        public string Spec { get; init; } = "";

        [CommandOption("--seed <S>")]
        [Description("A seed that breaks an invariant (required).")]
        public string? Seed { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Where to write the minimal spec (default: artifacts/shrink/<spec>.min.yaml, outside specs/ so the next `check specs` does not run it).")]
        public string? Out { get; init; }

        public override ValidationResult Validate() => Seed is null ? ValidationResult.Error("shrink needs --seed <S>") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        Spec spec = SpecFiles.LoadOne(settings.Spec);
        ulong seed = Seeds.Parse(settings.Seed);
        ShrinkResult r = SpecShrinker.Shrink(File.ReadAllText(settings.Spec), settings.Spec, seed);
        string output = settings.Out ?? Path.Combine("artifacts", "shrink", Path.GetFileNameWithoutExtension(settings.Spec) + ".min.yaml");
        if (Path.GetDirectoryName(Path.GetFullPath(output)) is { } dir) Directory.CreateDirectory(dir);
        string text = r.MinimalSpec.Replace($"name: {spec.Name}", $"name: {spec.Name}-min", StringComparison.Ordinal);
        File.WriteAllText(output, text);
        Console.WriteLine($"shrunk {spec.Name} at seed {seed} keeping '{r.Invariant}' broken, in {r.Steps} steps");
        Console.WriteLine($"  before: {r.Before}");
        Console.WriteLine($"  after:  {r.After}");
        Console.WriteLine($"minimal spec: {output}");
        Console.WriteLine($"replay: {SpecJudge.ReplayCommand(output, seed)}");
        return ExitCodes.Ok;
    }
}
