using System.ComponentModel;
using System.Diagnostics;
using DetSim.Checking;
using DetSim.Specs;
using DetSim.Specs.Soak;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

/// <summary>
/// Swarm soak: every seed draws a whole scenario (topology, settings, workload, faults) and runs
/// it. Inside the lossless configuration every violation is a DetSim bug until shown otherwise;
/// with <c>--unsafe</c> one safety setting is off and the soak must find what it allows.
/// </summary>
public sealed class SoakCommand : Command<SoakCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--seeds <N>")]
        [Description("How many seeds (scenarios) to run (default 1000).")]
        public string Seeds { get; init; } = "1000";

        [CommandOption("--seed-start <S>")]
        [Description("First seed (default 1).")]
        public string SeedStart { get; init; } = "1";

        [CommandOption("--unsafe <NAME>")]
        [Description("Turn one safety setting off and stop at the first violation it allows.")]
        public string? Unsafe { get; init; }

        [CommandOption("--out <DIR>")]
        [Description("Where failing scenarios are written as specs (default: soak-failures).")]
        public string Out { get; init; } = "soak-failures";

        [CommandOption("--print <S>")]
        [Description("Print the scenario seed S draws, as a spec, and run nothing.")]
        public string? Print { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        UnsafeFlip? flip = null;
        if (settings.Unsafe is { } name)
            flip = UnsafeFlip.Find(name) ?? throw new BadInputException($"--unsafe '{name}' is not a safety setting (allowed: {UnsafeFlip.Names})");
        if (settings.Print is { } p)
        {
            Console.Write(SoakDraw.Spec(Cli.Seeds.Parse(p, "--print"), flip));
            return ExitCodes.Ok;
        }
        if (!long.TryParse(settings.Seeds, out long count) || count <= 0)
            throw new BadInputException($"--seeds '{settings.Seeds}' must be a positive number of seeds");
        ulong start = Cli.Seeds.Parse(settings.SeedStart, "--seed-start");

        Console.WriteLine(flip is null
            ? $"detsim soak: {count} scenarios from seed {start}, lossless configuration (every invariant must hold)"
            : $"detsim soak: up to {count} scenarios from seed {start}, unsafe {flip.Name}: {flip.What} (expect {flip.Breaks} to break)");
        var tally = new SoakTally();
        var clock = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        for (long i = 0; i < count && !cancel.IsCancellationRequested; i++)
        {
            ulong seed = start + (ulong)i;
            SoakRun run = SoakRun.Of(seed, flip);
            string file = $"soak-{seed}.yaml";
            if (run.LoadError is not null)
            {
                tally.ModelErrors++;
                Report(settings.Out, file, run.SpecText, seed, $"DETSIM BUG: the drawn scenario does not load: {run.LoadError}");
                continue;
            }
            tally.Runs++;
            SeedOutcome o = run.Outcome!;
            if (run.ModelError)
            {
                tally.ModelErrors++;
                Report(settings.Out, file, run.SpecText, seed, $"DETSIM BUG (model error) at seed {seed}: {o.ModelError}");
            }
            else if (run.CutShort)
            {
                tally.CutShort++;
                Report(settings.Out, file, run.SpecText, seed, $"run cut short ({o.RunProblem}): no evidence either way");
            }
            else if (run.Violated)
            {
                tally.Violations++;
                tally.FirstViolation ??= (seed, run.FirstInvariant(flip)!);
                Report(settings.Out, file, run.SpecText, seed, string.Join("\n", o.Violations.Select(v => "violation: " + v)));
            }
            else
            {
                foreach (CheckResult c in run.Inconclusive) tally.Inconclusive(c.Invariant + ": " + c.Reason, seed);
                if (run.Clean) tally.Clean++;
                else tally.InconclusiveSeeds++;
            }
            if (flip is not null && tally.FirstViolation is not null) break;
            if (clock.Elapsed - lastProgress >= TimeSpan.FromSeconds(10))
            {
                lastProgress = clock.Elapsed;
                Console.WriteLine($"  {tally.Runs} scenarios, {tally.Runs / clock.Elapsed.TotalSeconds:F1}/s, {tally.Violations} violations, {tally.ModelErrors} model errors");
            }
        }
        double rate = tally.Runs / Math.Max(clock.Elapsed.TotalSeconds, 1e-9);
        Console.WriteLine($"{tally.Runs} scenarios in {clock.Elapsed.TotalSeconds:F1}s ({rate:F1}/s): {tally.Clean} clean, {tally.Violations} violated, " +
                          $"{tally.InconclusiveSeeds} with an inconclusive check, {tally.CutShort} cut short, {tally.ModelErrors} model errors");
        foreach ((string reason, (int n, ulong firstSeed)) in tally.Reasons.OrderByDescending(kv => kv.Value.Count).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            Console.WriteLine($"  inconclusive x{n} (first at seed {firstSeed}): {reason}");
        if (tally.ModelErrors > 0) return ExitCodes.ModelError;
        if (flip is null) return tally.Violations == 0 ? ExitCodes.Ok : ExitCodes.ExpectationFailed;
        if (tally.FirstViolation is { } first)
        {
            Console.WriteLine($"unsafe {flip.Name}: first violation at seed {first.Seed} after {tally.Runs} scenario(s): {first.Invariant}" +
                              (first.Invariant == flip.Breaks ? "" : $" (not {flip.Breaks})"));
            return ExitCodes.Ok;
        }
        Console.WriteLine($"unsafe {flip.Name}: no violation in {tally.Runs} scenario(s)");
        return ExitCodes.ExpectationFailed;
    }

    private static void Report(string dir, string file, string text, ulong seed, string what)
    {
        Directory.CreateDirectory(dir);
        string path = Path.Combine(dir, file);
        File.WriteAllText(path, text);
        Console.WriteLine($"seed {seed}: {what}");
        Console.WriteLine($"  scenario: {path}   replay: detsim run {path} --seed {seed}");
    }

    private sealed class SoakTally
    {
        public long Runs, Clean, Violations, ModelErrors, CutShort, InconclusiveSeeds;
        public (ulong Seed, string Invariant)? FirstViolation;
        public Dictionary<string, (int Count, ulong FirstSeed)> Reasons { get; } = new(StringComparer.Ordinal);

        public void Inconclusive(string reason, ulong seed)
        {
                        Reasons[reason] = Reasons.TryGetValue(reason, out var seen) ? (seen.Count + 1, seen.FirstSeed) : (1, seed);
        }
    }
}
