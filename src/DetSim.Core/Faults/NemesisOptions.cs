using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>
/// What a drawn fault plan may contain. Faults arrive as a Poisson process with mean gap
/// <see cref="MeanGap"/> inside [<see cref="Start"/>, <see cref="End"/>); each kind has an integer
/// weight. Every crash is followed by a restart and every partition or slow link by a heal, so the
/// healed phase after <see cref="End"/> can be asked to converge.
/// </summary>
public sealed record NemesisOptions
{
    public IReadOnlyList<string> Nodes { get; init; } = [];
    public SimTime Start { get; init; } = SimTime.FromMillis(100);
    public SimTime End { get; init; } = SimTime.FromSeconds(10);
    public Duration MeanGap { get; init; } = Duration.FromSeconds(2);
    public int CrashWeight { get; init; } = 1;
    public int PartitionWeight { get; init; } = 1;
    public int PauseWeight { get; init; }
    public int ClockJumpWeight { get; init; }
    public int SlowLinkWeight { get; init; }

    /// <summary>Weight of arming a crash point drawn from <see cref="CrashPoints"/> (the N-th arrival, N from 1 to <see cref="CrashAtNthMax"/>); the node restarts after the down time.</summary>
    public int CrashAtWeight { get; init; }

    /// <summary>Crash point names the nemesis may arm (the nodes must have them).</summary>
    public IReadOnlyList<string> CrashPoints { get; init; } = [];

    public int CrashAtNthMax { get; init; } = 100;
    public Duration DownMin { get; init; } = Duration.FromMillis(100);
    public Duration DownMax { get; init; } = Duration.FromSeconds(2);
    public Duration ClockJumpMax { get; init; } = Duration.FromSeconds(5);

    public NemesisOptions Validate()
    {
        if (End < Start) throw new ArgumentOutOfRangeException(nameof(End), $"nemesis end {End} is before its start {Start}");
        if (MeanGap.Micros <= 0) throw new ArgumentOutOfRangeException(nameof(MeanGap), "mean gap between faults must be positive");
        if (DownMin > DownMax || DownMin.Micros < 0) throw new ArgumentOutOfRangeException(nameof(DownMin), "need 0 <= down-min <= down-max");
        int[] weights = [CrashWeight, PartitionWeight, PauseWeight, ClockJumpWeight, SlowLinkWeight, CrashAtWeight];
        if (weights.Any(w => w < 0)) throw new ArgumentOutOfRangeException(nameof(CrashWeight), "fault weights must not be negative");
        if (CrashAtWeight > 0 && CrashPoints.Count == 0) throw new ArgumentOutOfRangeException(nameof(CrashPoints), "a crash_at weight needs crash points to draw from");
        if (CrashAtNthMax < 1) throw new ArgumentOutOfRangeException(nameof(CrashAtNthMax), "crash points fire at the N-th arrival, N >= 1");
        return this;
    }
}
