using DetSim.Core;
using DetSim.Harness.Checking;
using DetSim.Harness.History;
using DetSim.Core.Scheduling;
using DetSim.Replication.Failover;

namespace DetSim.Replication.Scenarios;

/// <summary>Everything a run produced: the kernel's result, the client history, the servers at the end, the failovers.</summary>
public sealed record RunReport(
    Scenario Scenario,
    ulong Seed,
    RunResult Result,
    IReadOnlyList<Operation> History,
    IReadOnlyList<ServerSnapshot> Servers,
    IReadOnlyList<FailoverRecord> Failovers,
    string? FinalSource,
    string? TraceText) : IRunEvidence
{
    IReadOnlyList<HistoryOperation> IRunEvidence.Operations => History;

    public ServerSnapshot? Server(string name) => Servers.FirstOrDefault(s => s.Name == name);

    /// <summary>The servers as the harness read them each time a failover procedure started.</summary>
    public IReadOnlyList<FailoverSnapshot> FailoverSnapshots { get; init; } = [];

    /// <summary>Armed crash points that never fired (no transaction reached them N times), or could not be armed: never silently ignored.</summary>
    public IReadOnlyList<string> CrashPointsNotFired { get; init; } = [];

    public RunEnd End => RunEnds.Of(Result);

    /// <summary>Why the run's final state is not the settled one (null when it is).</summary>
    public string? CutShort => RunEnds.CutShort(Result, ScenarioRunner.PlanOf(Scenario), "the cluster");
}
