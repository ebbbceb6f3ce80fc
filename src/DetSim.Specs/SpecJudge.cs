using DetSim.Checking;
using DetSim.Core.Scheduling;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Sql;

namespace DetSim.Specs;

/// <summary>The verdict on a spec's expectation over a range of seeds.</summary>
public sealed record SpecVerdict(Spec Spec, bool Met, int SeedsRun, ulong? FirstFailingSeed, SeedOutcome? Evidence, string Summary)
{
    public string ReplayCommand => FirstFailingSeed is { } s ? SpecJudge.ReplayCommand(Spec.File, s) : "";
}

/// <summary>Runs a spec's scenario under seeds and judges its expectation.</summary>
public static class SpecJudge
{
    public static string ReplayCommand(string file, ulong seed) => $"detsim replay {file} --seed {seed}";

    /// <summary>Runs one seed and checks every invariant the spec lists.</summary>
    public static SeedOutcome RunSeed(Spec spec, ulong seed, bool captureTrace = false, Core.Random.IChoiceSource? choices = null)
    {
        Scenario scenario = captureTrace ? spec.Scenario with { CaptureTrace = true } : spec.Scenario;
        RunReport report;
        try
        {
            report = ScenarioRunner.Run(scenario, seed, MySqlDialect.Instance, choices: choices);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A bug in DetSim, never a finding about MySQL: report it with the seed that shows it.
            string what = $"DetSim model error ({e.GetType().Name}): {e.Message}";
            return new SeedOutcome(seed, null, [new Violation("model_error", Core.Time.SimTime.Zero, what, [], [])]) { ModelError = what };
        }
        var violations = new List<Violation>();
        if (report.Result.Outcome == RunOutcome.Livelock)
            violations.Add(new Violation("liveness", report.Result.EndTime, $"the run used its whole step budget ({report.Result.Steps} steps) without settling: livelock", [], []));
        foreach (string name in spec.Check)
        {
            IInvariant invariant = name == "availability" ? InvariantCatalog.Availability(spec.AvailabilityThreshold) : InvariantCatalog.ByName(name)!;
            violations.AddRange(invariant.Check(report));
        }
        return new SeedOutcome(seed, report, violations);
    }

    /// <summary>True when this seed settles the spec: it broke the invariant a violated-spec expects, or broke a holds-spec, or hit a model error.</summary>
    public static bool IsDecisive(Spec spec, SeedOutcome o)
    {
        if (o.ModelError is not null) return true;
        if (spec.Expect == Expectation.Holds) return o.Violated;
        return spec.ExpectInvariant is null ? o.Violated : o.Violations.Any(v => v.Invariant == spec.ExpectInvariant);
    }

    /// <summary>The verdict once <paramref name="decisive"/> (or none) was found after <paramref name="seedsRun"/> seeds.</summary>
    public static SpecVerdict Verdict(Spec spec, int seedsRun, SeedOutcome? decisive)
    {
        if (decisive is null)
            return spec.Expect == Expectation.Holds
                ? new SpecVerdict(spec, true, seedsRun, null, null, $"held on all {seedsRun} seeds")
                : new SpecVerdict(spec, false, seedsRun, null, null, $"no seed of {seedsRun} broke {spec.ExpectInvariant ?? "any invariant"}");
        bool met = decisive.ModelError is null && spec.Expect == Expectation.Violated;
        string summary = decisive.ModelError ?? decisive.Violations.First(v => spec.ExpectInvariant is null || spec.Expect == Expectation.Holds || v.Invariant == spec.ExpectInvariant).ToString();
        return new SpecVerdict(spec, met, seedsRun, decisive.Seed, decisive, summary);
    }

    /// <summary>
    /// Judges the expectation over <paramref name="seeds"/> seeds from <paramref name="seedStart"/>
    /// (only the ones <paramref name="include"/> accepts: a shard). A violated-spec stops at the
    /// first seed that breaks the expected invariant; a holds-spec stops at the first violation.
    /// </summary>
    public static SpecVerdict Judge(Spec spec, int? seeds = null, ulong? seedStart = null, Func<ulong, bool>? include = null, CancellationToken cancel = default)
    {
        int count = seeds ?? spec.Seeds;
        ulong start = seedStart ?? spec.SeedStart;
        int run = 0;
        for (int i = 0; i < count && !cancel.IsCancellationRequested; i++)
        {
            ulong seed = start + (ulong)i;
            if (include is not null && !include(seed)) continue;
            SeedOutcome o = RunSeed(spec, seed);
            run++;
            if (IsDecisive(spec, o)) return Verdict(spec, run, o);
        }
        return Verdict(spec, run, null);
    }
}
