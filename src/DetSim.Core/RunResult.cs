using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Core;

/// <summary>How a run ended.</summary>
public sealed record RunResult(ulong Seed, RunOutcome Outcome, long Steps, SimTime EndTime, ulong TraceHash, string? StopReason)
{
    public string TraceHashText => TraceHash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public override string ToString() =>
        $"seed={Seed} outcome={Outcome.ToString().ToLowerInvariant()} steps={Steps} end={EndTime} trace={TraceHashText}" +
        (StopReason is null ? "" : $" reason=\"{StopReason}\"");
}
