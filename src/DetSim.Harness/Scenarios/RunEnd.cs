using DetSim.Core;
using DetSim.Core.Scheduling;

namespace DetSim.Harness.Scenarios;

/// <summary>How a scenario run ended, as far as its evidence goes.</summary>
public enum RunEnd : byte
{
    /// <summary>The system settled (or nothing was left to run): the final state is the one to judge.</summary>
    Settled,
    /// <summary>The step budget ran out with events pending: a livelock (or a budget too small).</summary>
    Livelock,
    /// <summary>The liveness deadline came before the system settled.</summary>
    TimeLimit,
    /// <summary>The run stopped for another reason before settling.</summary>
    NotSettled,
}

public static class RunEnds
{
    /// <summary>How <paramref name="result"/> ended; a stop for <see cref="Phases.SettledReason"/> is a settled end.</summary>
    public static RunEnd Of(RunResult result) => result.Outcome switch
    {
        RunOutcome.Quiescent => RunEnd.Settled,
        RunOutcome.Stopped when result.StopReason == Phases.SettledReason => RunEnd.Settled,
        RunOutcome.Livelock => RunEnd.Livelock,
        RunOutcome.TimeLimit => RunEnd.TimeLimit,
        _ => RunEnd.NotSettled,
    };

    /// <summary>Why the run's final state is not the settled one (null when it is).</summary>
    public static string? CutShort(RunResult result, PhasePlan plan, string system = "the system") => Of(result) switch
    {
        RunEnd.Settled => null,
        RunEnd.Livelock => $"run cut short: step budget of {plan.StepBudget} steps used up at {result.EndTime} (livelock)",
        RunEnd.TimeLimit => $"run cut short: time limit {plan.ConvergeBy} reached before {system} settled",
        _ => $"run cut short: stopped before settling ({result.StopReason})",
    };
}
