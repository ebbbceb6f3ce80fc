using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DetSim.Specs;
using DetSim.Testing.Coyote;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

/// <summary>
/// Throughput of the Coyote host against the seeded runner, and for each bug spec the iterations to
/// the first failure per strategy (median over engine seeds) next to DetSim's seeded runner.
/// </summary>
public sealed class BenchCoyoteCommand : Command<BenchCoyoteCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "[specs]")]
        [Description("Bug specs to measure (files or directories; default specs/search).")]
        public string[] Specs { get; init; } = [];

        [CommandOption("--runs <N>")]
        [Description("Runs through each host for the throughput comparison (default 30; 0 skips it).")]
        public int Runs { get; init; } = 30;

        [CommandOption("--engine-seeds <K>")]
        [Description("Engine seeds per strategy and bug (default 10).")]
        public int EngineSeeds { get; init; } = 10;

        [CommandOption("--max-iterations <M>")]
        [Description("Iterations (or seeds) per search before giving up (default 60).")]
        public int MaxIterations { get; init; } = 60;

        [CommandOption("--rate-seeds <N>")]
        [Description("Seeds for each spec's decisive rate under the seeded runner (default 200).")]
        public int RateSeeds { get; init; } = 200;

        [CommandOption("--strategies <LIST>")]
        [Description("Comma-separated: seeded and any Coyote strategy (default: all, q-learning included).")]
        public string? Strategies { get; init; }

        [CommandOption("--window <D>")]
        public string? Window { get; init; }

        [CommandOption("--json <FILE>")]
        [Description("Also write every figure as JSON.")]
        public string? Json { get; init; }

        public override ValidationResult Validate()
        {
            if (EngineSeeds < 1 || MaxIterations < 1 || RateSeeds < 0 || Runs < 0) return ValidationResult.Error("counts must be positive");
            foreach (string s in (Strategies ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (s != "seeded" && CoyoteStrategies.Parse(s) is null) return ValidationResult.Error($"--strategies: '{s}' is not one of: seeded, {CoyoteStrategies.Allowed}");
            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancel)
    {
        var window = s.Window is null ? ExploreOptions.DefaultWindow : ExploreStrategies.ParseWindow(s.Window);
        IReadOnlyList<Spec> specs = SpecFiles.LoadAll(s.Specs.Length == 0 ? ["specs/search"] : s.Specs);
        List<string> strategies = s.Strategies is null
            ? ["seeded", .. CoyoteStrategies.Names.Select(n => n.Name)]
            : [.. s.Strategies.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        var report = new Dictionary<string, object>
        {
            ["window_us"] = window.Micros,
            ["engine_seeds"] = s.EngineSeeds,
            ["max_iterations"] = s.MaxIterations,
        };
        if (s.Runs > 0) report["throughput"] = Throughput(specs[0], s.Runs, window);

        var rows = new List<Dictionary<string, object?>>();
        foreach (Spec spec in specs)
        {
            if (cancel.IsCancellationRequested) break;
            var run = ExploreStrategies.VerdictOf(spec);
            int decisive = 0;
            for (int i = 0; i < s.RateSeeds; i++)
                if (SpecJudge.IsDecisive(spec, SpecJudge.RunSeed(spec, spec.SeedStart + (ulong)i))) decisive++;
            var row = new Dictionary<string, object?> { ["spec"] = spec.Name, ["invariant"] = spec.ExpectInvariant, ["seeded_decisive"] = decisive, ["seeded_rate_seeds"] = s.RateSeeds };
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{spec.Name}: seeded runner decisive on {decisive} of {s.RateSeeds} seeds"));
            foreach (string strategy in strategies)
            {
                var firsts = new List<int?>();
                var clock = Stopwatch.StartNew();
                for (int k = 1; k <= s.EngineSeeds && !cancel.IsCancellationRequested; k++)
                {
                    if (strategy == "seeded")
                    {
                        // Engine seed k: seeds from k * 10^9, far from the spec's own range.
                        ulong start = (ulong)k * 1_000_000_000UL;
                        int? hit = null;
                        for (int i = 0; i < s.MaxIterations && hit is null; i++)
                            if (SpecJudge.IsDecisive(spec, SpecJudge.RunSeed(spec, start + (ulong)i))) hit = i + 1;
                        firsts.Add(hit);
                    }
                    else
                    {
                        // Coyote's random walks seed iteration i with (engine seed + i): consecutive engine
                        // seeds would replay one shifted sequence (measured: first failures 91, 90, 89, ...).
                        var options = new ExploreOptions(CoyoteStrategies.Parse(strategy)!.Value, (uint)s.MaxIterations, EngineSeed: EngineSeed(k), Window: window);
                        firsts.Add(CoyoteExplorer.Explore(run, options).FirstFailureIteration);
                    }
                }
                int found = firsts.Count(f => f is not null);
                var sorted = firsts.Select(f => f ?? int.MaxValue).Order().ToList();
                int median = sorted[(sorted.Count - 1) / 2];
                row[strategy] = new Dictionary<string, object?>
                {
                    ["median"] = median == int.MaxValue ? null : median,
                    ["found"] = found,
                    ["runs"] = firsts.Count,
                    ["first_failures"] = firsts,
                    ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
                };
                string cell = median == int.MaxValue ? $">{s.MaxIterations}" : median.ToString(CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {strategy,-15} median {cell,5}  found {found}/{firsts.Count}  [{string.Join(" ", firsts.Select(f => f?.ToString(CultureInfo.InvariantCulture) ?? "-"))}]  {clock.Elapsed.TotalSeconds:F0}s"));
            }
            rows.Add(row);
        }
        report["bugs"] = rows;
        if (s.Json is not null) File.WriteAllText(s.Json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        return ExitCodes.Ok;
    }

    /// <summary>Engine seed number k, a million apart from the next so no two searches share an iteration seed.</summary>
    public static uint EngineSeed(int k) => (uint)k * 1_000_003u;

    private static Dictionary<string, object> Throughput(Spec spec, int runs, Core.Time.Duration window)
    {
        var run = ExploreStrategies.VerdictOf(spec);
        for (int i = 0; i < 3; i++) SpecJudge.RunSeed(spec, (ulong)i);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) SpecJudge.RunSeed(spec, (ulong)(100 + i));
        double seeded = runs / clock.Elapsed.TotalSeconds;
        clock.Restart();
        ExploreResult r = CoyoteExplorer.Explore(c => run(c) with { Failure = null }, new ExploreOptions(CoyoteStrategy.Random, (uint)runs, Window: window));
        double coyote = runs / clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"throughput on {spec.Name}, {runs} runs each: seeded {seeded:F1} runs/s, Coyote host {coyote:F1} runs/s ({coyote / seeded:P0}), {r.SchedulingDecisions / (double)runs:F0} Coyote scheduling decisions per run"));
        return new Dictionary<string, object> { ["spec"] = spec.Name, ["seeded_runs_per_s"] = Math.Round(seeded, 2), ["coyote_runs_per_s"] = Math.Round(coyote, 2), ["decisions_per_run"] = r.SchedulingDecisions / runs };
    }
}
