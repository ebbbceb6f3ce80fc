using System.Diagnostics;
using System.Globalization;
using DetSim.Specs;

namespace DetSim.Cli.Bench;

/// <summary>
/// `bench all --seed-cost SPEC`: seeds 1..N of one spec on this thread, the repeatable figure to
/// compare two builds by (CPU of the whole process, GC threads included; steps; bytes allocated on
/// this thread), with a hash over every seed's trace hash and violations so a change of behaviour shows.
/// <see cref="BenchPlan.DefaultWarmSeeds"/> seeds run untimed first, so tiered JIT has compiled the hot code: the figure is the steady state's.
/// </summary>
public sealed record SeedCostSummary(string Spec, int Seeds, double CpuSeconds, long Steps, long AllocatedBytes, double SimulatedSeconds, int Violated, string BehaviourHash, double GcPauseSeconds, int Gen0, int Gen1, int Gen2)
{
    public static SeedCostSummary Measure(Spec spec, int seeds)
    {
        for (int i = 0; i < BenchPlan.DefaultWarmSeeds; i++) SpecJudge.RunSeed(spec, 1_000_000 + (ulong)i);
        double cpu0 = CpuClock.Seconds();
        TimeSpan pause0 = GC.GetTotalPauseDuration();
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        long alloc0 = GC.GetAllocatedBytesForCurrentThread();
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
            GC.CollectionCount(0) - g0, GC.CollectionCount(1) - g1, GC.CollectionCount(2) - g2);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Spec}: {Seeds} seeds, CPU {CpuSeconds * 1000 / Seeds:F1} ms/seed, {(double)Steps / Seeds:F0} steps/seed, {(double)AllocatedBytes / Seeds / 1e6:F2} MB allocated/seed ({(double)AllocatedBytes / Math.Max(1, Steps):F0} B/step), simulated/CPU {SimulatedSeconds / CpuSeconds:F1}x, GC pauses {GcPauseSeconds * 1000 / Seeds:F1} ms/seed (gen0/1/2 collections {Gen0}/{Gen1}/{Gen2}), violated {Violated}/{Seeds}, behaviour {BehaviourHash}");

}
