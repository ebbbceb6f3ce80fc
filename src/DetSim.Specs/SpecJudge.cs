using DetSim.Checking;
using DetSim.Core;
using DetSim.Replication.Failover;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Sql;

namespace DetSim.Specs;

/// <summary>How a spec's expectation came out.</summary>
public enum VerdictKind : byte
{
    Met,
    Failed,
    /// <summary>A seed hit a DetSim bug: neither met nor a finding about MySQL.</summary>
    ModelError,
}

/// <summary>
/// The verdict on a spec's expectation over a range of seeds. Seeds that could not decide (an
/// invariant inconclusive) and runs that did not finish normally (livelock, time limit, not
/// settled) are counted and named, never silently passed.
/// </summary>
public sealed record SpecVerdict(Spec Spec, VerdictKind Kind, int SeedsRun, ulong? FirstFailingSeed, SeedOutcome? Evidence, string Summary)
{
    public bool Met => Kind == VerdictKind.Met;
    public string ReplayCommand => FirstFailingSeed is { } s ? SpecJudge.ReplayCommand(Spec.File, s) : "";
    public SeedTally Tally { get; init; } = new();
}

/// <summary>The seeds of a judgement that were not decisive but must be reported: inconclusive ones and runs cut short.</summary>
public sealed class SeedTally
{
    public int Inconclusive { get; private set; }
    public ulong? FirstInconclusiveSeed { get; private set; }
    public string? FirstInconclusiveReason { get; private set; }
    public int CutShort { get; private set; }
    public ulong? FirstCutShortSeed { get; private set; }
    public string? FirstCutShortReason { get; private set; }

    /// <summary>Counts a seed that did not settle the spec.</summary>
    public void Add(Spec spec, SeedOutcome o)
    {
        if (o.Kind != SeedKind.Finished)
        {
            if (CutShort++ == 0) { FirstCutShortSeed = o.Seed; FirstCutShortReason = o.RunProblem; }
            return;
        }
        CheckResult? undecided = o.Inconclusive.FirstOrDefault(c => spec.Expect == Expectation.Holds || spec.ExpectInvariant is null || c.Invariant == spec.ExpectInvariant);
        if (undecided is null) return;
        if (Inconclusive++ == 0) { FirstInconclusiveSeed = o.Seed; FirstInconclusiveReason = undecided.ToString(); }
    }

    public string Note(string file)
    {
        var parts = new List<string>();
        if (Inconclusive > 0) parts.Add($"{Inconclusive} seed(s) inconclusive, first seed {FirstInconclusiveSeed}: {FirstInconclusiveReason} (replay: {SpecJudge.ReplayCommand(file, FirstInconclusiveSeed!.Value)})");
        if (CutShort > 0) parts.Add($"{CutShort} run(s) cut short and not counted as evidence, first seed {FirstCutShortSeed}: {FirstCutShortReason} (replay: {SpecJudge.ReplayCommand(file, FirstCutShortSeed!.Value)})");
        return parts.Count == 0 ? "" : "; " + string.Join("; ", parts);
    }
}

/// <summary>Runs a spec's scenario under seeds and judges its expectation.</summary>
public static class SpecJudge
{
    public static string ReplayCommand(string file, ulong seed) => $"detsim replay {file} --seed {seed}";

    /// <summary>Runs one seed and checks every invariant the spec lists.</summary>
    /// <param name="failover">Replaces the spec's failover tool (tests drive a custom procedure through it).</param>
    public static SeedOutcome RunSeed(Spec spec, ulong seed, bool captureTrace = false, Core.Random.IChoiceSource? choices = null, IFailoverProcedure? failover = null)
    {
        Scenario scenario = captureTrace ? spec.Scenario with { CaptureTrace = true } : spec.Scenario;
        RunReport report;
        try
        {
            report = ScenarioRunner.Run(scenario, seed, MySqlDialect.Instance, failover, choices);
        }
        catch (InvariantViolatedException e)
        {
            // A failed model assertion: a bug in DetSim, never a finding about MySQL.
            string steps = e.LastSteps is null ? "" : $"\nlast steps before it:\n{e.LastSteps}";
            return new SeedOutcome(seed, null, []) { ModelError = $"DetSim bug: a model assertion failed: {e.Message}{steps}" };
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Where it threw, so the DetSim bug can be found without a debugger.
            string where = string.Join(" <- ", (e.StackTrace ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(3).Select(l => l.Trim()));
            return new SeedOutcome(seed, null, []) { ModelError = $"DetSim bug: the model threw {e.GetType().Name}: {e.Message} ({where})" };
        }
        var checks = new List<CheckResult>();
        foreach (string name in spec.Check)
        {
            IInvariant invariant = name == "availability" ? InvariantCatalog.Availability(spec.AvailabilityThreshold) : InvariantCatalog.ByName(name)!;
            checks.Add(invariant.Check(report));
        }
        return new SeedOutcome(seed, report, checks);
    }

    /// <summary>
    /// True when this seed settles the spec: a model error; a holds-spec broken or its run cut short
    /// (a cluster that must settle did not); a violated-spec's invariant broken in a run that finished
    /// normally. Anything else goes to the <see cref="SeedTally"/>.
    /// </summary>
    public static bool IsDecisive(Spec spec, SeedOutcome o)
    {
        if (o.Kind == SeedKind.ModelError) return true;
        if (spec.Expect == Expectation.Holds) return o.Kind != SeedKind.Finished || o.Violated;
        if (o.Kind != SeedKind.Finished) return false;
        return spec.ExpectInvariant is null ? o.Violated : o.Violations.Any(v => v.Invariant == spec.ExpectInvariant);
    }

    /// <summary>The verdict once <paramref name="decisive"/> (or none) was found after <paramref name="seedsRun"/> seeds.</summary>
    public static SpecVerdict Verdict(Spec spec, int seedsRun, SeedOutcome? decisive, SeedTally? tally = null)
    {
        tally ??= new SeedTally();
        string note = tally.Note(spec.File);
        if (decisive is null)
            return spec.Expect == Expectation.Holds
                ? new SpecVerdict(spec, VerdictKind.Met, seedsRun, null, null, $"held on {seedsRun - tally.Inconclusive} of {seedsRun} seeds{note}") { Tally = tally }
                : new SpecVerdict(spec, VerdictKind.Failed, seedsRun, null, null, $"no seed of {seedsRun} broke {spec.ExpectInvariant ?? "any invariant"} in a run that finished normally{note}") { Tally = tally };
        if (decisive.Kind == SeedKind.ModelError)
            return new SpecVerdict(spec, VerdictKind.ModelError, seedsRun, decisive.Seed, decisive, decisive.ModelError!) { Tally = tally };
        if (decisive.Kind != SeedKind.Finished)
            return new SpecVerdict(spec, VerdictKind.Failed, seedsRun, decisive.Seed, decisive, $"{decisive.Kind.ToString().ToLowerInvariant()}: {decisive.RunProblem}") { Tally = tally };
        bool met = spec.Expect == Expectation.Violated;
        string summary = decisive.Violations.First(v => spec.ExpectInvariant is null || spec.Expect == Expectation.Holds || v.Invariant == spec.ExpectInvariant).ToString();
        return new SpecVerdict(spec, met ? VerdictKind.Met : VerdictKind.Failed, seedsRun, decisive.Seed, decisive, summary + note) { Tally = tally };
    }

    /// <summary>
    /// Judges the expectation over <paramref name="seeds"/> seeds from <paramref name="seedStart"/>
    /// (only the ones <paramref name="include"/> accepts: a shard). A violated-spec stops at the
    /// first seed that breaks the expected invariant; a holds-spec stops at the first violation.
    /// </summary>
    public static SpecVerdict Judge(Spec spec, int? seeds = null, ulong? seedStart = null, Func<ulong, bool>? include = null, CancellationToken cancel = default, IFailoverProcedure? failover = null)
    {
        int count = seeds ?? spec.Seeds;
        ulong start = seedStart ?? spec.SeedStart;
        int run = 0;
        var tally = new SeedTally();
        for (int i = 0; i < count && !cancel.IsCancellationRequested; i++)
        {
            ulong seed = start + (ulong)i;
            if (include is not null && !include(seed)) continue;
            SeedOutcome o = RunSeed(spec, seed, failover: failover);
            run++;
            if (IsDecisive(spec, o)) return Verdict(spec, run, o, tally);
            tally.Add(spec, o);
        }
        return Verdict(spec, run, null, tally);
    }
}
