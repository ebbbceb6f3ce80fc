using DetSim.Core.Disk;
using DetSim.Core.Settings;
using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>
/// What a drawn fault plan may contain. Faults arrive as a Poisson process with mean gap
/// <see cref="MeanGap"/> inside [<see cref="Start"/>, <see cref="End"/>); each kind has an integer
/// weight, declared with its kind (<see cref="CoreFaultKinds.Drawn"/>). Every crash is followed by
/// a restart and every partition or slow link by a heal, so the healed phase after
/// <see cref="End"/> can be asked to converge. Defaults: <see cref="NemesisSettings"/>.
/// </summary>
public sealed record NemesisOptions
{
    public IReadOnlyList<string> Nodes { get; init; } = [];
    public SimTime Start { get; init; } = SimTime.Zero + NemesisSettings.Start.Default;
    public SimTime End { get; init; } = SimTime.Zero + NemesisSettings.End.Default;
    public Duration MeanGap { get; init; } = NemesisSettings.MeanGap.Default;
    public int CrashWeight { get; init; } = CrashKind.NemesisWeight.Default;
    public int PartitionWeight { get; init; } = PartitionKind.NemesisWeight.Default;
    public int PauseWeight { get; init; } = PauseKind.NemesisWeight.Default;
    public int ClockJumpWeight { get; init; } = ClockJumpKind.NemesisWeight.Default;
    public int SlowLinkWeight { get; init; } = SlowLinkKind.NemesisWeight.Default;

    /// <summary>Weight of arming a crash point drawn from <see cref="CrashPoints"/> (the N-th arrival, N from 1 to <see cref="CrashAtNthMax"/>); the node restarts after the down time.</summary>
    public int CrashAtWeight { get; init; } = CrashAtKind.NemesisWeight.Default;

    /// <summary>Crash point names the nemesis may arm (the nodes must have them).</summary>
    public IReadOnlyList<string> CrashPoints { get; init; } = [];

    public int CrashAtNthMax { get; init; } = NemesisSettings.CrashAtNthMax.Default;

    /// <summary>How a server dies at a drawn crash point.</summary>
    public CrashMode CrashAtMode { get; init; } = NemesisSettings.CrashAtMode.Default;

    /// <summary>A drawn crash point crashes its server after a delay drawn from 0 to this; 0 (the default) draws nothing and crashes at the point.</summary>
    public Duration CrashAtAfterMax { get; init; } = NemesisSettings.CrashAtAfterMax.Default;

    public Duration DownMin { get; init; } = NemesisSettings.DownMin.Default;
    public Duration DownMax { get; init; } = NemesisSettings.DownMax.Default;
    public Duration ClockJumpMax { get; init; } = NemesisSettings.ClockJumpMax.Default;

    /// <summary>Weights of drawn kinds with no property above, by kind name (a kind added in its own file keeps its weight here); absent: the kind's declared default.</summary>
    public IReadOnlyDictionary<string, int> Weights { get; init; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

    public NemesisOptions Validate()
    {
        if (End < Start) throw new ArgumentOutOfRangeException(nameof(End), $"nemesis end {End} is before its start {Start}");
        if (MeanGap.Micros <= 0) throw new ArgumentOutOfRangeException(nameof(MeanGap), "mean gap between faults must be positive");
        if (DownMin > DownMax || DownMin.Micros < 0) throw new ArgumentOutOfRangeException(nameof(DownMin), "need 0 <= down-min <= down-max");
        if (CoreFaultKinds.Drawn.Any(k => k.WeightIn(this) < 0)) throw new ArgumentOutOfRangeException(nameof(CrashWeight), "fault weights must not be negative");
        if (CrashAtWeight > 0 && CrashPoints.Count == 0) throw new ArgumentOutOfRangeException(nameof(CrashPoints), "a crash_at weight needs crash points to draw from");
        if (CrashAtAfterMax.Micros < 0) throw new ArgumentOutOfRangeException(nameof(CrashAtAfterMax), "a crash point's delay must not be negative");
        if (CrashAtNthMax < 1) throw new ArgumentOutOfRangeException(nameof(CrashAtNthMax), "crash points fire at the N-th arrival, N >= 1");
        return this;
    }
}
