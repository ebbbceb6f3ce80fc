using System.Runtime;

namespace DetSim.Cli.Bench;

/// <summary>
/// Runs untimed seeds until tiered compilation has settled, so a figure measured after it is the
/// steady state's. The runtime promotes a method to optimised code only after 100 ms without new
/// tier-0 compiles, and a bug-hunt seed keeps meeting code it has not run yet (failover, recovery),
/// so a fixed handful of warm seeds left a fifth of the timed CPU to the JIT. Warms in batches until
/// one batch spends at most <see cref="SettledShare"/> of its CPU compiling, or at most <c>max</c> seeds.
/// </summary>
public static class JitWarmUp
{
    public const double SettledShare = 0.02;

    /// <summary>Returns the number of warm seeds run.</summary>
    public static int Run(Action<int> runSeed, int min, int batch, int max)
    {
        int done = 0;
        while (done < max)
        {
            double cpu0 = CpuClock.Seconds();
            TimeSpan jit0 = JitInfo.GetCompilationTime();
            for (int i = 0; i < batch && done < max; i++) runSeed(done++);
            double cpu = CpuClock.Seconds() - cpu0;
            double jit = (JitInfo.GetCompilationTime() - jit0).TotalSeconds;
            if (done >= min && jit <= SettledShare * cpu) break;
        }
        return done;
    }
}
