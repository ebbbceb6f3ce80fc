using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using DetSim.Cli.Campaign;
using DetSim.Cli.Explanation;
using DetSim.Specs;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class CheckCommand : Command<CheckCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<paths>")]
        [Description("Spec files or directories of *.yaml specs.")]
        public string[] Paths { get; init; } = [];

        [CommandOption("--seeds <N>")]
        [Description("Seeds per spec (default: each spec's `seeds`).")]
        public int? Seeds { get; init; }

        [CommandOption("--seed-start <S>")]
        [Description("First seed (default: each spec's `seed_start`).")]
        public string? SeedStart { get; init; }

        [CommandOption("--shard <K/N>")]
        [Description("Run only shard K of N of every spec's seeds (deterministic split for N machines).")]
        public string? Shard { get; init; }

        [CommandOption("--jobs <J>")]
        [Description("Worker threads, each running whole seeds single-threaded; results equal --jobs 1. Default: all cores.")]
        public int? Jobs { get; init; }

        [CommandOption("--junit <FILE>")]
        [Description("Write JUnit XML.")]
        public string? JUnit { get; init; }

        [CommandOption("--results <FILE>")]
        [Description("Write machine-readable results (for `detsim merge`).")]
        public string? Results { get; init; }

        [CommandOption("--report <FILE>")]
        [Description("Write the campaign as an HTML page linking each failing seed's explanation.")]
        public string? Report { get; init; }

        public override ValidationResult Validate()
        {
            if (Seeds is < 1) return ValidationResult.Error($"--seeds must be at least 1, got {Seeds}");
            if (Jobs is < 1 or > 1024) return ValidationResult.Error($"--jobs must be 1..1024, got {Jobs}");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        IReadOnlyList<Spec> specs = SpecFiles.LoadAll(settings.Paths);
        ulong? seedStart = settings.SeedStart is null ? null : Seeds.Parse(settings.SeedStart, "--seed-start");
        Shard shard = Shard.Parse(settings.Shard);
        int jobs = settings.Jobs ?? Environment.ProcessorCount;
        return Check(specs, new CheckRunner(jobs, shard), settings.Seeds, seedStart, settings.JUnit, settings.Results, Interactive, cancel, settings.Report is null ? null : OutputPath.Prepare(settings.Report, "--report"));
    }

    /// <summary>Runs and reports every spec; the exit code is 3 on a model error, 1 on a failed expectation, else 0.</summary>
    internal static int Check(IReadOnlyList<Spec> specs, CheckRunner runner, int? seedsPerSpec, ulong? seedStart, string? junit, string? resultsFile, bool interactive, CancellationToken cancel, string? report = null)
    {
        var results = new List<SpecResult>();
        var clock = Stopwatch.StartNew();
        long seedsTotal = 0;
        Console.WriteLine($"detsim check: {specs.Count} specs, jobs {runner.Jobs}, shard {runner.Shard}");
        foreach (Spec spec in specs)
        {
            if (cancel.IsCancellationRequested) break;
            int seeds = seedsPerSpec ?? spec.Seeds;
            SpecResult r = interactive
                ? RunWithProgress(runner, spec, seeds, seedStart ?? spec.SeedStart, cancel)
                : runner.Run(spec, seeds, seedStart ?? spec.SeedStart, cancel);
            results.Add(r);
            seedsTotal += r.SeedsRun;
            Console.WriteLine($"  {(r.ModelError ? "BUG " : r.Met ? "ok  " : "FAIL")} {r.Name} ({r.SeedsRun} seeds, {r.Seconds:F1}s)" +
                              (r.ModelError ? $" DetSim bug (model error) at seed {r.FirstFailingSeed}, not a MySQL finding: {RunSummary.Values(spec, r.Summary)}"
                               : r.FirstFailingSeed is null ? "" : $" seed {r.FirstFailingSeed}: {RunSummary.Values(spec, r.Summary)}"));
            if (!r.Met && r.FirstFailingSeed is not null) Console.WriteLine($"       replay: {r.ReplayCommand}");
            if (r.Inconclusive > 0) Console.WriteLine($"       inconclusive: {r.Inconclusive} seed(s), first seed {r.FirstInconclusiveSeed}: {SpecJudge.ReplayCommand(r.File, r.FirstInconclusiveSeed!.Value)}");
            if (r.CutShort > 0) Console.WriteLine($"       cut short (livelock, time limit or not settled; never evidence): {r.CutShort} run(s), first seed {r.FirstCutShortSeed}: {SpecJudge.ReplayCommand(r.File, r.FirstCutShortSeed!.Value)}");
            if (interactive && results.Count(x => !x.Met) is > 0 and var failed) AnsiConsole.MarkupLine($"[red]{failed} expectation(s) failed so far[/]");
        }
        PrintTable(results);
        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count(r => r.Met)} of {specs.Count} expectations met; {seedsTotal} seeds in {seconds:F1}s ({seedsTotal / Math.Max(seconds, 1e-9):F0} seeds/s){(cancel.IsCancellationRequested ? "; interrupted" : "")}"));
        foreach (SpecResult r in results.Where(r => r.FirstFailingSeed is not null && !r.Met))
            Console.WriteLine($"{(r.ModelError ? "DetSim bug (model error, exit 3)" : "failing seed")}: {r.Name} seed {r.FirstFailingSeed}: {r.ReplayCommand}");
        foreach (SpecResult r in results.Where(r => r.FirstInconclusiveSeed is not null && r.Expect == "holds" && r.Met))
            Console.WriteLine($"inconclusive: {r.Name}: {r.Inconclusive} seed(s) could not be decided, first seed {r.FirstInconclusiveSeed}: {SpecJudge.ReplayCommand(r.File, r.FirstInconclusiveSeed!.Value)}");
        if (junit is not null) JUnitWriter.Write(junit, results);
        if (resultsFile is not null) ResultsFile.Write(resultsFile, results);
        if (report is not null) CampaignReport.Write(report, specs, results, cancel);
        return ExitCodes.Of(results, complete: results.Count == specs.Count);
    }

    private static bool Interactive => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;

    private static SpecResult RunWithProgress(CheckRunner runner, Spec spec, int seeds, ulong seedStart, CancellationToken cancel)
    {
        SpecResult? result = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                ProgressTask task = ctx.AddTask(Markup.Escape(spec.Name), maxValue: seeds);
                var clock = Stopwatch.StartNew();
                void OnSeeds(Spec s, int done)
                {
                    task.Value = done;
                    task.Description = Markup.Escape($"{spec.Name}: {done} seeds, {done / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):F0} seeds/s");
                }
                runner.SeedsDone += OnSeeds;
                result = runner.Run(spec, seeds, seedStart, cancel);
                runner.SeedsDone -= OnSeeds;
                task.Value = seeds;
            });
        return result!;
    }

    internal static void PrintTable(IReadOnlyList<SpecResult> results)
    {
        int w = Math.Max(4, results.Count == 0 ? 4 : results.Max(r => r.Name.Length));
        Console.WriteLine();
        Console.WriteLine($"{"spec".PadRight(w)}  {"expect",-8} {"result",-11} {"seeds",7} {"inconclusive",12} {"cut short",9} {"first failing seed",-20} {"time",8}");
        foreach (SpecResult r in results)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name.PadRight(w)}  {r.Expect,-8} {r.Result,-11} {r.SeedsRun,7} {r.Inconclusive,12} {r.CutShort,9} {(r.FirstFailingSeed?.ToString(CultureInfo.InvariantCulture) ?? "-"),-20} {r.Seconds,7:F1}s"));
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..n] + "...";
}
