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
        var files = new List<(string File, ResultsFile.Contents Contents)>();
        foreach (string f in settings.Results)
        {
            if (!File.Exists(f)) throw new BadInputException($"{f}: no such results file");
            files.Add((f, ResultsFile.ReadContents(f)));
        }
        // Shards that do not add up to one campaign would give a verdict over seeds nobody ran (or ran twice).
        IReadOnlyList<string> problems = ResultsFile.Problems(files);
        if (problems.Count > 0) throw new BadInputException("merge refused: the results are not one campaign\n  " + string.Join("\n  ", problems));
        IReadOnlyList<SpecResult> merged = ResultsFile.Merge(files.SelectMany(f => f.Contents.Results));
        CheckCommand.PrintTable(merged);
        Console.WriteLine($"{merged.Count(r => r.Met)} of {merged.Count} expectations met over {settings.Results.Length} result files (shards {string.Join(", ", files.Select(f => f.Contents.Shard))})");
        if (settings.JUnit is not null) JUnitWriter.Write(settings.JUnit, merged);
        if (settings.Out is not null) ResultsFile.Write(settings.Out, merged, Shard.All.ToString());
        return ExitCodes.Of(merged);
    }
}
