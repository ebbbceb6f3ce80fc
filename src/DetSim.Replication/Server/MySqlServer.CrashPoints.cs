using DetSim.Core.Faults;

namespace DetSim.Replication.Server;

// Crash points armed on this incarnation (SET GLOBAL debug='+d,crash_...'; a restart forgets them).
public sealed partial class MySqlServer : ICrashPointHost
{
    private List<ArmedCrashPoint>? _crashPoints;

    /// <summary>A crash point fired in this step: the process is being killed, so nothing more of the step may happen.</summary>
    internal bool Dying { get; private set; }

    public void ArmCrashPoint(ArmedCrashPoint armed) => (_crashPoints ??= new()).Add(armed);

    /// <summary>One arrival at <paramref name="point"/>; true when the server dies here (the caller stops at once).</summary>
    internal bool AtCrashPoint(string point)
    {
        if (_crashPoints is null) return false;
        foreach (ArmedCrashPoint armed in _crashPoints)
            if (armed.Point == point && armed.Arrive()) return Dying = true;
        return false;
    }
}
