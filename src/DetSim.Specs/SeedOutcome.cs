using DetSim.Checking;
using DetSim.Replication.Scenarios;

namespace DetSim.Specs;

/// <summary>One seed of a spec: how the run ended, its trace hash, and what broke.</summary>
public sealed record SeedOutcome(ulong Seed, RunReport? Report, IReadOnlyList<Violation> Violations)
{
    public bool Violated => Violations.Count > 0;
    public string TraceHash => Report?.Result.TraceHashText ?? "(none)";

    /// <summary>Set when the run hit a bug in DetSim itself (a broken model invariant), not a finding about MySQL.</summary>
    public string? ModelError { get; init; }
}
