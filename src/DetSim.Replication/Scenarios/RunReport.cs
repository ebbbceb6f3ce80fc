using DetSim.Core;
using DetSim.Core.Scheduling;
using DetSim.Replication.Failover;

namespace DetSim.Replication.Scenarios;

/// <summary>How a scenario run ended, as far as its evidence goes.</summary>
public enum RunEnd : byte
{
    /// <summary>The cluster settled (or nothing was left to run): the final state is the one to judge.</summary>
    Settled,
    /// <summary>The step budget ran out with events pending: a livelock (or a budget too small).</summary>
    Livelock,
    /// <summary>The time limit came before the cluster settled.</summary>
    TimeLimit,
    /// <summary>The run stopped for another reason before settling.</summary>
    NotSettled,
}

/// <summary>Everything a run produced: the kernel's result, the client history, the servers at the end, the failovers.</summary>
public sealed record RunReport(
    Scenario Scenario,
    ulong Seed,
    RunResult Result,
    IReadOnlyList<Operation> History,
    IReadOnlyList<ServerSnapshot> Servers,
    IReadOnlyList<FailoverRecord> Failovers,
    string? FinalSource,
    string? TraceText)
{
    public ServerSnapshot? Server(string name) => Servers.FirstOrDefault(s => s.Name == name);

    /// <summary>The servers as the harness read them each time a failover procedure started.</summary>
    public IReadOnlyList<FailoverSnapshot> FailoverSnapshots { get; init; } = [];

    /// <summary>Armed crash points that never fired (no transaction reached them N times), or could not be armed: never silently ignored.</summary>
    public IReadOnlyList<string> CrashPointsNotFired { get; init; } = [];

    public RunEnd End => Result.Outcome switch
    {
        RunOutcome.Quiescent => RunEnd.Settled,
        RunOutcome.Stopped when Result.StopReason == ScenarioRunner.SettledReason => RunEnd.Settled,
        RunOutcome.Livelock => RunEnd.Livelock,
        RunOutcome.TimeLimit => RunEnd.TimeLimit,
        _ => RunEnd.NotSettled,
    };

    /// <summary>Why the run's final state is not the settled one (null when it is).</summary>
    public string? CutShort => End switch
    {
        RunEnd.Settled => null,
        RunEnd.Livelock => $"run cut short: step budget of {Scenario.StepBudget} steps used up at {Result.EndTime} (livelock)",
        RunEnd.TimeLimit => $"run cut short: time limit {Scenario.TimeLimit} reached before the cluster settled",
        _ => $"run cut short: stopped before settling ({Result.StopReason})",
    };
}
