using DetSim.Checking;
using DetSim.Replication.Scenarios;

namespace DetSim.Specs;

/// <summary>How one seed's run ended, before anything it checked is read.</summary>
public enum SeedKind : byte
{
    /// <summary>The cluster settled: what the checkers found is evidence.</summary>
    Finished,
    /// <summary>DetSim broke one of its own model assertions (or threw): a DetSim bug, never a finding about MySQL.</summary>
    ModelError,
    /// <summary>The step budget ran out (livelock).</summary>
    Livelock,
    /// <summary>The time limit came before the cluster settled.</summary>
    TimeLimit,
    /// <summary>The run stopped for another reason before settling.</summary>
    NotSettled,
}

/// <summary>One seed of a spec: how the run ended, its trace hash, and each checked invariant's verdict.</summary>
public sealed record SeedOutcome(ulong Seed, RunReport? Report, IReadOnlyList<CheckResult> Checks)
{
    public IReadOnlyList<Violation> Violations { get; } = Checks.SelectMany(c => c.Violations).ToArray();
    public bool Violated => Violations.Count > 0;
    public string TraceHash => Report?.Result.TraceHashText ?? "(none)";

    /// <summary>The invariants that could not decide this seed, each with its reason.</summary>
    public IEnumerable<CheckResult> Inconclusive => Checks.Where(c => c.IsInconclusive);

    /// <summary>Set when the run hit a bug in DetSim itself (a failed model assertion), not a finding about MySQL.</summary>
    public string? ModelError { get; init; }

    public SeedKind Kind => ModelError is not null ? SeedKind.ModelError : Report?.End switch
    {
        RunEnd.Livelock => SeedKind.Livelock,
        RunEnd.TimeLimit => SeedKind.TimeLimit,
        RunEnd.NotSettled => SeedKind.NotSettled,
        _ => SeedKind.Finished,
    };

    /// <summary>Why the run is no evidence (a run outcome of its own), or null when it finished normally.</summary>
    public string? RunProblem => Kind switch
    {
        SeedKind.Finished => null,
        SeedKind.ModelError => ModelError,
        _ => Report!.CutShort,
    };
}
