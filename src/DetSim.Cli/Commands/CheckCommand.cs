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
        [Description("Seeds per spec, 1..10000000 (default: each spec's `seeds`).")]
        public string? Seeds { get; init; }

        [CommandOption("--seed-start <S>")]
        [Description("First seed (default: each spec's `seed_start`).")]
        public string? SeedStart { get; init; }

        [CommandOption("--shard <K/N>")]
        [Description("Run only shard K of N of every spec's seeds (deterministic split for N machines).")]
        public string? Shard { get; init; }

        [CommandOption("--jobs <J>")]
        [Description("Worker threads (1..1024), each running whole seeds single-threaded; results equal --jobs 1. Default: all cores.")]
        public string? Jobs { get; init; }

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
            if (Seeds is not null && !Count(Seeds, 1, 10_000_000, out _)) return ValidationResult.Error($"--seeds '{Seeds}' must be a whole number of seeds, 1..10000000");
            if (Jobs is not null && !Count(Jobs, 1, 1024, out _)) return ValidationResult.Error($"--jobs '{Jobs}' must be a whole number of workers, 1..1024");
            return ValidationResult.Success();
        }

        public int? SeedsPerSpec => Seeds is not null && Count(Seeds, 1, 10_000_000, out int n) ? n : null;
        public int? JobCount => Jobs is not null && Count(Jobs, 1, 1024, out int n) ? n : null;

        private static bool Count(string text, int min, int max, out int value) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        // Specs that do not load are reported (exit 2 at the end); the others still run.
        IReadOnlyList<SpecFiles.Loaded> loaded = SpecFiles.LoadEach(settings.Paths);
        ulong? seedStart = settings.SeedStart is null ? null : Seeds.Parse(settings.SeedStart, "--seed-start");
        Shard shard = Shard.Parse(settings.Shard);
        int jobs = settings.JobCount ?? Environment.ProcessorCount;
        IReadOnlyList<Spec> specs = loaded.Where(l => l.Spec is not null).Select(l => l.Spec!).ToList();
        return Check(specs, new CheckRunner(jobs, shard), settings.SeedsPerSpec, seedStart, settings.JUnit, settings.Results, Interactive, cancel, loaded.Where(l => l.Spec is null).ToList(),
            settings.Report is null ? null : OutputPath.Prepare(settings.Report, "--report"));
    }

    /// <summary>Runs and reports every spec; the exit code is 3 on a model error, 2 when a spec does not load, 1 on a failed expectation, else 0.</summary>
    internal static int Check(IReadOnlyList<Spec> specs, CheckRunner runner, int? seedsPerSpec, ulong? seedStart, string? junit, string? resultsFile, bool interactive, CancellationToken cancel,
        IReadOnlyList<SpecFiles.Loaded>? unloadable = null, string? report = null)
    {
        var results = new List<SpecResult>();
        var clock = Stopwatch.StartNew();
        long seedsTotal = 0;
        unloadable ??= [];
        Console.WriteLine($"detsim check: {specs.Count + unloadable.Count} specs, jobs {runner.Jobs}, shard {runner.Shard}");
        foreach (SpecFiles.Loaded bad in unloadable)
        {
            Console.Error.WriteLine(SpecFiles.Describe(bad.Errors));
            results.Add(SpecResult.Unloadable(bad.File, string.Join("\n", bad.Errors), runner.Shard) with { SpecHash = SpecHash.Of(bad.File) });
            Console.WriteLine($"  BAD  {bad.File} does not load ({bad.Errors.Count} error(s) above); the other specs still run");
        }
        var progress = new CiProgress(Console.Out, TimeSpan.FromSeconds(10));
        if (!interactive) runner.SeedsDone += progress.OnSeeds;
        foreach (Spec spec in specs)
        {
            int seeds = seedsPerSpec ?? spec.Seeds;
            if (cancel.IsCancellationRequested)
            {
                // Never started: listed as not run, in the table and in the files.
                results.Add(new SpecResult(spec.Name, spec.File, spec.Expect.ToString().ToLowerInvariant(), spec.ExpectInvariant, false, 0, seedStart ?? spec.SeedStart, seeds, runner.Shard.ToString(),
                    null, null, "not run: the check was interrupted before this spec started", 0) { NotRun = true, SpecHash = SpecHash.Of(spec.File) });
                continue;
            }
            SpecResult r = interactive
                ? RunWithProgress(runner, spec, seeds, seedStart ?? spec.SeedStart, cancel)
                : runner.Run(spec, seeds, seedStart ?? spec.SeedStart, cancel);
            results.Add(r);
            seedsTotal += r.SeedsRun;
            Console.WriteLine($"  {(r.ModelError ? "BUG " : r.Interrupted ? "INT " : r.Met ? "ok  " : "FAIL")} {r.Name} ({r.SeedsRun} seeds, {r.Seconds:F1}s)" +
                              (r.Interrupted ? $" {r.Summary}" : "") +
                              (r.ModelError ? $" DetSim bug (model error) at seed {r.FirstFailingSeed}, not a MySQL finding: {RunSummary.Values(spec, r.Summary)}"
                               : r.FirstFailingSeed is null ? "" : $" seed {r.FirstFailingSeed}: {RunSummary.Values(spec, r.Summary)}"));
            if (!r.Met && r.FirstFailingSeed is not null) Console.WriteLine($"       replay: {r.ReplayCommand}");
            if (r.Inconclusive > 0) Console.WriteLine($"       inconclusive: {r.Inconclusive} seed(s), first seed {r.FirstInconclusiveSeed}: {SpecJudge.ReplayCommand(r.File, r.FirstInconclusiveSeed!.Value)}");
            if (r.CutShort > 0) Console.WriteLine($"       cut short (livelock, time limit or not settled; never evidence): {r.CutShort} run(s), first seed {r.FirstCutShortSeed}: {SpecJudge.ReplayCommand(r.File, r.FirstCutShortSeed!.Value)}");
            if (interactive && results.Count(x => !x.Met) is > 0 and var failed) AnsiConsole.MarkupLine($"[red]{failed} expectation(s) failed so far[/]");
        }
        if (!interactive) runner.SeedsDone -= progress.OnSeeds;
        PrintTable(results);
        double seconds = clock.Elapsed.TotalSeconds;
        int notRun = results.Count(r => r.NotRun), interrupted = results.Count(r => r.Interrupted), badSpecs = results.Count(r => r.BadSpec is not null);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{results.Count(r => r.Met)} of {results.Count} expectations met; {seedsTotal} seeds in {seconds:F1}s ({seedsTotal / Math.Max(seconds, 1e-9):F0} seeds/s)") +
            (badSpecs > 0 ? $"; {badSpecs} spec file(s) do not load (exit 2)" : "") +
            (cancel.IsCancellationRequested ? $"; interrupted: {interrupted} spec(s) cut off, {notRun} not run" : ""));
        foreach (SpecResult r in results.Where(r => r.FirstFailingSeed is not null && !r.Met))
            Console.WriteLine($"{(r.ModelError ? "DetSim bug (model error, exit 3)" : "failing seed")}: {r.Name} seed {r.FirstFailingSeed}: {r.ReplayCommand}");
        foreach (SpecResult r in results.Where(r => r.FirstInconclusiveSeed is not null && r.Expect == "holds" && r.Met))
            Console.WriteLine($"inconclusive: {r.Name}: {r.Inconclusive} seed(s) could not be decided, first seed {r.FirstInconclusiveSeed}: {SpecJudge.ReplayCommand(r.File, r.FirstInconclusiveSeed!.Value)}");
        if (junit is not null) JUnitWriter.Write(junit, results);
        if (resultsFile is not null) ResultsFile.Write(resultsFile, results, runner.Shard.ToString());
        if (report is not null) CampaignReport.Write(report, specs, results, cancel);
        return ExitCodes.Of(results, complete: !results.Any(r => r.Interrupted || r.NotRun));
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
                void OnSeeds(Spec s, int done, int total)
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
            Console.WriteLine(r.NotRun || r.BadSpec is not null ? $"{r.Name.PadRight(w)}  {r.Expect,-8} {r.Result,-11} {"-",7} {"-",12} {"-",9} {"-",-20} {"-",8}" : string.Create(CultureInfo.InvariantCulture,
                $"{r.Name.PadRight(w)}  {r.Expect,-8} {r.Result,-11} {r.SeedsRun,7} {r.Inconclusive,12} {r.CutShort,9} {(r.FirstFailingSeed?.ToString(CultureInfo.InvariantCulture) ?? "-"),-20} {r.Seconds,7:F1}s"));
    }

}
