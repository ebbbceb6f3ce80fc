using System.ComponentModel;
using DetSim.Cli.Explanation;
using DetSim.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

/// <summary>`detsim explain`: one seed as a narrative, and optionally as a space-time diagram page and a lag chart.</summary>
public sealed class ExplainCommand : Command<ExplainCommand.Settings>
{
    public sealed class Settings : SpecSeedSettings
    {
        [CommandOption("--html <FILE>")]
        [Description("Also write one self-contained HTML page: a lane per node, messages, faults, failover, the violation; zoom, pan, hover.")]
        public string? Html { get; init; }

        [CommandOption("--lag-chart <FILE>")]
        [Description("Also write a PNG of each replica's lag behind its source over the run.")]
        public string? LagChart { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        Spec spec = SpecFiles.LoadOne(settings.Spec);
        ulong seed = settings.Seed is null ? spec.SeedStart : Seeds.Parse(settings.Seed);
        // Refuse a bad output path before spending the run on it.
        string? html = settings.Html is null ? null : OutputPath.Prepare(settings.Html, "--html");
        string? lag = settings.LagChart is null ? null : OutputPath.Prepare(settings.LagChart, "--lag-chart");
        RunStory story = RunStory.Run(spec, seed);
        IReadOnlyList<NarrativeLine> narrative = Narrative.Build(story);
        Console.Write(Narrative.ToText(narrative));
        if (html is not null)
        {
            HtmlExplanation.Write(story, narrative, html);
            Console.WriteLine($"wrote {html}");
        }
        if (lag is not null)
        {
            Bench.Charts.ReplicaLag(ReplicaLag.Of(story), $"replica lag, {spec.Name} seed {seed}", lag);
            Console.WriteLine($"wrote {lag}");
        }
        return story.Outcome.Report is null ? ExitCodes.ModelError : ExitCodes.Ok;
    }
}
