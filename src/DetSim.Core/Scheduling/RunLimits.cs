using DetSim.Core.Time;

namespace DetSim.Core.Scheduling;

/// <summary>
/// When a run stops: at quiescence always, at <see cref="TimeLimit"/> of simulated time, or after
/// <see cref="StepBudget"/> events. Exceeding the step budget is reported as a livelock.
/// </summary>
public sealed record RunLimits
{
    public SimTime TimeLimit { get; init; } = SimTime.MaxValue;
    public long StepBudget { get; init; } = 10_000_000;

    public static RunLimits Default { get; } = new();

    public RunLimits Validate()
    {
        if (TimeLimit.Micros < 0) throw new ArgumentOutOfRangeException(nameof(TimeLimit), $"time limit must not be negative, got {TimeLimit}");
        if (StepBudget <= 0) throw new ArgumentOutOfRangeException(nameof(StepBudget), $"step budget must be positive, got {StepBudget}");
        return this;
    }
}

public enum RunOutcome
{
    /// <summary>No event left to run.</summary>
    Quiescent,
    /// <summary>The next event lies past the time limit.</summary>
    TimeLimit,
    /// <summary>The step budget ran out with events still pending: the run schedules forever.</summary>
    Livelock,
    /// <summary>A handler asked the run to stop (for example an invariant fired).</summary>
    Stopped,
}
