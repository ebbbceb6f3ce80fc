using System.ComponentModel;
using DetSim.Cli.Campaign;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class MergeCommand : Command<MergeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<results>")]
        [Description("Results files written by `detsim check --results` on each shard.")]
        public string[] Results { get; init; } = [];

        [CommandOption("--junit <FILE>")]
        public string? JUnit { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Write the merged results file.")]
        public string? Out { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        var all = new List<SpecResult>();
        foreach (string f in settings.Results)
        {
            if (!File.Exists(f)) throw new BadInputException($"{f}: no such results file");
            all.AddRange(ResultsFile.Read(f));
        }
        IReadOnlyList<SpecResult> merged = ResultsFile.Merge(all);
        CheckCommand.PrintTable(merged);
        Console.WriteLine($"{merged.Count(r => r.Met)} of {merged.Count} expectations met over {settings.Results.Length} result files");
        if (settings.JUnit is not null) JUnitWriter.Write(settings.JUnit, merged);
        if (settings.Out is not null) ResultsFile.Write(settings.Out, merged);
        return ExitCodes.Of(merged);
    }
}
