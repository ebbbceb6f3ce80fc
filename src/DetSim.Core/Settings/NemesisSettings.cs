using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Time;

namespace DetSim.Core.Settings;

/// <summary>The nemesis's settings (<c>nemesis:</c>), declared once; <see cref="NemesisOptions"/> takes its defaults from here. Each fault kind's weight is declared in its own file.</summary>
public static class NemesisSettings
{
    public static readonly Setting<Duration> Start = Declare.Duration("start", Duration.FromMillis(100), "first moment a fault may strike (between[0])");
    public static readonly Setting<Duration> End = Declare.Duration("end", Duration.FromSeconds(10), "no fault strikes after this (between[1])");
    public static readonly Setting<Duration> MeanGap = Declare.Duration("mean_gap", Duration.FromSeconds(2), "mean time between faults") with { Positive = true };
    public static readonly Setting<int> CrashAtNthMax = Declare.Int("crash_at_nth_max", 100, 1, 1_000_000_000, "a drawn crash point fires at the N-th arrival, N from 1 to this");
    public static readonly Setting<CrashMode> CrashAtMode = Declare.Choice("crash_at_mode", CrashMode.ProcessCrash, "how a server dies at a drawn crash point (as crash_at.mode): process (DBUG_SUICIDE), power_loss, torn_write", CrashAtKind.Modes);
    public static readonly Setting<Duration> CrashAtAfterMax = Declare.Duration("crash_at_after_max", Duration.Zero, "a drawn crash point crashes its server after a delay drawn from 0 to this (as crash_at.after; 0: at the point)");
    public static readonly Setting<Duration> DownMin = Declare.Duration("down_min", Duration.FromMillis(100), "shortest outage (down[0])");
    public static readonly Setting<Duration> DownMax = Declare.Duration("down_max", Duration.FromSeconds(2), "longest outage (down[1])");
    public static readonly Setting<Duration> ClockJumpMax = Declare.Duration("clock_jump_max", Duration.FromSeconds(5), "largest clock step either way");
}
