using System.Diagnostics;

namespace DetSim.Conformance.Tests.Harness;

/// <summary>
/// The one bound on every wait for a real mariadbd in this suite. A hang guard only, far above any
/// plausible wait here (a start-up takes about a second, a catch-up or a purge well under one), so a
/// busy machine never turns a slow server into a failed comparison: no verdict depends on it, and
/// reaching it throws, naming what hung.
/// </summary>
internal static class HangGuard
{
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    /// <summary>A clock for one wait; <see cref="Expired"/> once it is past <see cref="Limit"/>.</summary>
    public static Stopwatch Start() => Stopwatch.StartNew();

    public static bool Expired(Stopwatch clock) => clock.Elapsed >= Limit;

    public static TimeoutException Hung(string what) => new($"{what} hung: {Limit} passed (a hang guard, far above any plausible wait)");
}
