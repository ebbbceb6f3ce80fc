using System.Diagnostics;
using System.Globalization;
using DetSim.Specs;

namespace DetSim.Cli.Bench;

/// <summary>
/// `bench all --seed-cost SPEC`: seeds 1..N of one spec on this thread, the repeatable figure to
/// compare two builds by (CPU of the whole process, GC threads included; steps; bytes allocated on
/// this thread), with a hash over every seed's trace hash and violations so a change of behaviour shows.
/// Untimed seeds run first until the JIT has settled (<see cref="JitWarmUp"/>): the figure is the steady state's, and it says how much JIT is left in it.
/// </summary>
public sealed record SeedCostSummary(string Spec, int Seeds, double CpuSeconds, long Steps, long AllocatedBytes, double SimulatedSeconds, int Violated, string BehaviourHash, double GcPauseSeconds, int Gen0, int Gen1, int Gen2, double JitSeconds, long JitMethods, int WarmSeeds)
{
    public static SeedCostSummary Measure(Spec spec, int seeds)
    {
        bool shortSeeds = spec.Name == "bench-" + BenchSuite.Standard;
        int warm = BenchSuite.WarmUp(spec, BenchPlan.DefaultWarmSeeds, shortSeeds);
        double cpu0 = CpuClock.Seconds();
        TimeSpan pause0 = GC.GetTotalPauseDuration();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        long alloc0 = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan jit0 = System.Runtime.JitInfo.GetCompilationTime();
        long jitMethods0 = System.Runtime.JitInfo.GetCompiledMethodCount();
        long steps = 0;
        double simulated = 0;
        int violated = 0;
        ulong hash = 14695981039346656037UL;
        for (int i = 0; i < seeds; i++)
        {
            SeedOutcome o = SpecJudge.RunSeed(spec, 1 + (ulong)i);
            if (o.Report is { } r)
            {
                steps += r.Result.Steps;
                simulated += r.Result.EndTime.Micros / 1e6;
            }
            if (o.Violations.Count > 0) violated++;
            string line = o.TraceHash + "|" + o.Kind + "|" + string.Join(",", o.Violations.Select(v => v.Invariant));
            foreach (char ch in line) hash = (hash ^ ch) * 1099511628211UL;
        }
        return new SeedCostSummary(spec.Name, seeds, CpuClock.Seconds() - cpu0, steps, GC.GetAllocatedBytesForCurrentThread() - alloc0, simulated, violated,
            hash.ToString("x16", CultureInfo.InvariantCulture), (GC.GetTotalPauseDuration() - pause0).TotalSeconds,
            GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2,
            (System.Runtime.JitInfo.GetCompilationTime() - jit0).TotalSeconds, System.Runtime.JitInfo.GetCompiledMethodCount() - jitMethods0, warm);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Spec}: {Seeds} seeds after {WarmSeeds} warm, CPU {CpuSeconds * 1000 / Seeds:F1} ms/seed, {(double)Steps / Seeds:F0} steps/seed, {(double)AllocatedBytes / Seeds / 1e6:F2} MB allocated/seed ({(double)AllocatedBytes / Math.Max(1, Steps):F0} B/step), simulated/CPU {SimulatedSeconds / CpuSeconds:F1}x, GC pauses {GcPauseSeconds * 1000 / Seeds:F1} ms/seed (gen0/1/2 collections {Gen0}/{Gen1}/{Gen2}), JIT {JitSeconds * 1000 / Seeds:F2} ms/seed ({JitMethods} methods compiled while timed), violated {Violated}/{Seeds}, behaviour {BehaviourHash}");

}
