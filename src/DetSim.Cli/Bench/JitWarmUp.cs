using System.Runtime;

namespace DetSim.Cli.Bench;

/// <summary>
/// Runs untimed seeds until tiered compilation has settled, so a figure measured after it is the
/// steady state's. The runtime promotes a method to optimised code only after 100 ms without new
/// tier-0 compiles, and a bug-hunt seed keeps meeting code it has not run yet (failover, recovery),
/// so a fixed handful of warm seeds left a fifth of the timed CPU to the JIT. Warms in batches until
/// two batches in a row spend at most <see cref="SettledShare"/> of their CPU compiling, or at most <c>max</c> seeds.
/// </summary>
public static class JitWarmUp
{
    public const double SettledShare = 0.02;

    /// <summary>Idle time after each warm batch for the tiering queue to drain.</summary>
    public static readonly TimeSpan TieringPause = TimeSpan.FromMilliseconds(300);

    /// <summary>Returns the number of warm seeds run.</summary>
    public static int Run(Action<int> runSeed, int min, int batch, int max)
    {
        int done = 0, settled = 0;
        while (done < max)
        {
            double cpu0 = CpuClock.Seconds();
            TimeSpan jit0 = JitInfo.GetCompilationTime();
            for (int i = 0; i < batch && done < max; i++) runSeed(done++);
            // The batch's hot methods wait for the background compiler, which starts only after
            // TC_CallCountingDelayMs (100 ms) without new tier-0 code: give it that time here, so
            // their optimised code is compiled and counted now, not in the timed seeds.
            Thread.Sleep(TieringPause);
            double cpu = CpuClock.Seconds() - cpu0;
            double jit = (JitInfo.GetCompilationTime() - jit0).TotalSeconds;
            // Two settled batches in a row: methods reach each tier after a count of calls, so once-a-seed
            // code arrives in waves (tier-0 after 30 seeds, instrumented, optimised after about 60) with
            // quiet batches between them.
            settled = jit <= SettledShare * cpu ? settled + 1 : 0;
            if (done >= min && settled >= 2) break;
        }
        return done;
    }
}
