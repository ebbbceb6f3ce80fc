using System.Globalization;
using System.Text;
using System.Text.Json;
using DetSim.Replication.Server;

namespace DetSim.Cli.Bench;

/// <summary>Writes a <see cref="BenchReport"/> as docs/benchmarks.md (for people) and JSON (for machines).</summary>
public static class BenchReportWriter
{
    // A separate process's CPU time is unknown (NaN), written as "NaN".
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string ToJson(BenchReport r) => JsonSerializer.Serialize(r, Json);

    public static string ToMarkdown(BenchReport r)
    {
        var md = new StringBuilder();
        void L(string line = "") => md.Append(line).Append('\n');
        string F(double x, string format) => double.IsNaN(x) ? "-" : x.ToString(format, CultureInfo.InvariantCulture);
        BenchPlan p = r.Plan;
        L("# Benchmarks");
        L();
        string memorySeeds = !p.Quick && p.MemorySeeds != BenchPlan.Full(p.SpecDir).MemorySeeds ? $" --memory-seeds {p.MemorySeeds}" : "";
        L($"Written by `detsim bench all{(p.Quick ? " --quick" : "")}{memorySeeds}` on {r.Machine.Date} in {F(r.TotalSeconds, "F0")} s: every figure below was measured in that one");
        L("run, one after the other in one process. Benchmarks report; no test asserts a speed.");
        L();
        L($"Machine: {r.Machine.Cores} cores ({r.Machine.Cpu}), {r.Machine.Os}, {r.Machine.Runtime}, Release build, " +
          $"{(r.Machine.ServerGc ? "server" : "workstation")} GC{(r.Machine.ConcurrentGc ? " (concurrent)" : "")}, load average {r.Machine.LoadAverage} at the end. " +
          "CPU figures are the whole process's CPU time (GC threads included); wall-clock figures suffer from anything else running on the cores.");
        if (p.Quick) L("**Quick run**: tiny sample sizes, only to prove the suite runs; do not quote these figures.");
        L();

        SeedCostFigure? Cost(string name) => r.SeedCosts.FirstOrDefault(c => c.Spec == "bench-" + name);
        SeedCostFigure? async = Cost(BenchSuite.BugHuntAsync), standardCost = Cost(BenchSuite.Standard);
        ThroughputFigure? j1 = r.Standard.FirstOrDefault(t => t.Jobs == 1 && t.Processes == 0), jn = r.Standard.FirstOrDefault(t => t.Jobs > 1);
        ThroughputFigure? p1 = r.Standard.FirstOrDefault(t => t.Processes == 1), pn = r.Standard.FirstOrDefault(t => t.Processes > 1);
        CampaignFigure? lost = r.Campaigns.FirstOrDefault(c => c.Invariant == "no_lost_acked_write");
        CampaignFigure? phantom = r.Campaigns.FirstOrDefault(c => c.Invariant == "no_phantom_read");
        CampaignFigure? lostCp = r.Campaigns.FirstOrDefault(c => c.Invariant == "no_lost_acked_write" && c.Spec.EndsWith("+crash-points", StringComparison.Ordinal));
        CampaignFigure? phantomCp = r.Campaigns.FirstOrDefault(c => c.Invariant == "no_phantom_read" && c.Spec.EndsWith("+crash-points", StringComparison.Ordinal));
        CampaignFigure? lostTc = r.Campaigns.FirstOrDefault(c => c.Invariant == "no_lost_acked_write" && c.Spec.EndsWith("+timed-crash", StringComparison.Ordinal));
        CampaignFigure? phantomTc = r.Campaigns.FirstOrDefault(c => c.Invariant == "no_phantom_read" && c.Spec.EndsWith("+timed-crash", StringComparison.Ordinal));
        KernelBench.Figures sch = r.Kernel[0], bare = r.Kernel[1];
        MemoryCheckpoint? peak = r.Memory.Checkpoints.LastOrDefault();

        L("## Goals (issue 14)");
        L();
        L("| figure | issue's measurement | goal | this run |");
        L("|---|---|---|---|");
        L($"| standard spec, seeds/s per core (`--jobs 1`) | 58 | ≥ 1,000 | {(j1 is null ? "-" : F(j1.SeedsPerSecondPerCore, "N0"))} |");
        L($"| bug-hunt workload (async), CPU per seed | ~1.3 s | ≤ 24 ms | {(async is null ? "-" : F(async.CpuPerSeed * 1000, "N1") + " ms")} |");
        L($"| first async lost write, CPU s (median / max of {lost?.SeedsToFirst.Count ?? 0} campaigns) | ~22 s | ≤ 0.05 s | {lost?.MedianSeconds} / {lost?.MaxSeconds} |");
        L($"| first AFTER_COMMIT phantom, CPU s (median / max of {phantom?.SeedsToFirst.Count ?? 0} campaigns) | ~49 s | ≤ 0.8 s | {phantom?.MedianSeconds} / {phantom?.MaxSeconds} |");
        L($"| first async lost write with crash points, CPU s (median / max of {lostCp?.SeedsToFirst.Count ?? 0}) | - | - | {lostCp?.MedianSeconds} / {lostCp?.MaxSeconds} |");
        L($"| first AFTER_COMMIT phantom with crash points, CPU s (median / max of {phantomCp?.SeedsToFirst.Count ?? 0}) | - | - | {phantomCp?.MedianSeconds} / {phantomCp?.MaxSeconds} |");
        L($"| first async lost write, power loss {BenchSuite.AsyncCrashAfter} after the {BenchSuite.TimedCrashNth:N0}th OK, CPU s (median / max of {lostTc?.SeedsToFirst.Count ?? 0}) | - | - | {lostTc?.MedianSeconds} / {lostTc?.MaxSeconds} |");
        L($"| first AFTER_COMMIT phantom, power loss {BenchSuite.PhantomCrashAfter} after the {BenchSuite.TimedCrashNth:N0}th engine commit, CPU s (median / max of {phantomTc?.SeedsToFirst.Count ?? 0}) | - | - | {phantomTc?.MedianSeconds} / {phantomTc?.MaxSeconds} |");
        L($"| kernel vs bare loop, same sequence | 41–49% | ≥ 50%, 0 bytes/event | {F(sch.EventsPerSecond / bare.EventsPerSecond * 100, "F1")}%, {F(sch.BytesPerEvent, "F2")} bytes/event |");
        L($"| `--jobs {jn?.Jobs ?? p.Jobs}` vs `--jobs 1` | 1.14× | ≥ 1.8× | {(jn is null || j1 is null ? "- (one core)" : $"{F(jn.SeedsPerSecond / j1.SeedsPerSecond, "F2")}× wall; CPU per seed {F(j1.SeedsPerCpuSecond / jn.SeedsPerCpuSecond, "F2")}× of `--jobs 1`'s{(pn is null || p1 is null ? "" : $"; {pn.Processes} separate processes: {F(pn.SeedsPerSecond / p1.SeedsPerSecond, "F2")}×")}")} |");
        L($"| simulated / CPU time, bug-hunt workload (async) | ~4× | ≥ 200× | {(async is null ? "-" : F(async.SimulatedPerCpu, "F1") + "×")} |");
        L($"| peak memory over many seeds of the standard spec | 132 MB over 1M, flat | ≤ 300 MB, flat | {(peak is null ? "-" : $"{F(peak.PeakWorkingSetBytes / 1048576.0, "F0")} MB over {peak.Seeds:N0} seeds")} |");
        L();

        L("## Kernel: Scheduler vs a bare `PriorityQueue` loop, same event sequence");
        L();
        L($"16 nodes, 1,024 events in flight, {p.KernelEvents:N0} events, best of {p.KernelRepeat}. Both order events by (time, sequence) and draw the same");
        L($"random numbers, so they run the same events in the same order: checksums over every event's time, target and tag {(r.KernelSameSequence ? "**agree**" : "**DIFFER (a bug in the benchmark)**")}.");
        L("The last row is the Scheduler with its default tie-break (the seed picks among events due at the same microsecond): another sequence, not in the ratio.");
        L();
        L("| loop | events/s | bytes/event |");
        L("|---|---|---|");
        foreach (KernelBench.Figures k in r.Kernel) L($"| {k.Name} | {F(k.EventsPerSecond, "N0")} | {F(k.BytesPerEvent, "F2")} |");
        L();

        L("## Cost per seed (one thread)");
        L();
        L("| spec | seeds | CPU per seed | of which JIT | steps per seed | µs per step | bytes allocated per step | simulated s per seed | simulated / CPU |");
        L("|---|---|---|---|---|---|---|---|---|");
        foreach (SeedCostFigure c in r.SeedCosts)
            L($"| {c.Spec} | {c.Seeds} | {F(c.CpuPerSeed * 1000, "N1")} ms | {F(c.JitPerSeed * 1000, "N1")} ms | {F(c.StepsPerSeed, "N0")} | {F(c.MicrosPerStep, "F2")} | {F(c.BytesPerStep, "N0")} | {F(c.SimulatedSeconds / c.Seeds, "F2")} | {F(c.SimulatedPerCpu, "F1")}× |");
        L();
        L("The bug-hunt workload (`specs/bench/bug-hunt-*.yaml`): one source and one replica on a loopback-like network (30 µs + 50 µs");
        L("jitter), GTIDs, 8 writers inserting unique ids with no think time, 2 readers running `SELECT * FROM t ORDER BY id DESC LIMIT 100`,");
        L("the source killed at a moment drawn from the seed 0.5–2 s into the load, automatic failover to the replica, after which the sessions send nothing new (`until: failover`, as a kill, promote, check loop). The standard spec");
        L("(`specs/bench/standard.yaml`): 3 servers, semi-sync AFTER_SYNC, 4 sessions committing about 200 inserts and key updates plus a");
        L("reader, one source crash, a GTID failover.");
        L();

        L("## Standard spec through the campaign runner (`check --jobs N`)");
        L();
        L("| run | seeds | wall s | seeds/s | CPU s | seeds per CPU s |");
        L("|---|---|---|---|---|---|");
        foreach (ThroughputFigure t in r.Standard)
            L($"| {(t.Processes == 0 ? $"one process, `--jobs {t.Jobs}`" : (t.Processes == 1 ? "a separate process, `--jobs 1`" : $"{t.Processes} separate processes at once, each `--jobs 1`"))} | {t.Seeds} | {F(t.WallSeconds, "F2")} | {F(t.SeedsPerSecond, "N0")} | {F(t.CpuSeconds, "F2")} | {F(t.SeedsPerCpuSecond, "N0")} |");
        L();
        if (p1 is not null && pn is not null && j1 is not null && jn is not null)
        {
            L($"The control: {pn.Processes} separate processes, which share no memory at all, run {F(pn.SeedsPerSecond / p1.SeedsPerSecond, "F2")}× as many seeds per second as one");
            L($"(each pays its own start and JIT), against {F(jn.SeedsPerSecond / j1.SeedsPerSecond, "F2")}× for `--jobs {jn.Jobs}` in one process. What both lose against {pn.Processes}× is what the cores share (caches, memory");
            L("bandwidth), not state in DetSim.");
            L();
        }
        L("`--jobs N` scales only as far as N cores are free: on a loaded machine the wall-clock ratio says little, the CPU per seed");
        L("(which rises with GC and memory contention between workers) says what the workers cost each other.");
        L();

        L("## Seeds and CPU to the first failure");
        L();
        L($"{p.Campaigns} campaigns per bug, each from its own first seed (1, 1,000,001, 2,000,001, ...), run one seed after another until the");
        L($"expected invariant breaks; at most {p.CampaignSeedCap} seeds each. CPU seconds on one core. The `+crash-points` rows replace the kill at a");
        L($"random moment by a crash point the nemesis draws from the seed (`crash_at` weight 1): one of {string.Join(", ", BenchSuite.DrawnCrashPoints.Select(n => $"`{n}`"))},");
        L($"the N-th transaction reaching it for N up to {BenchSuite.DrawnCrashNthMax:N0} (`crash_at_nth_max`), and a power loss a delay drawn up to {BenchSuite.DrawnCrashAfterMax}");
        L("after it (`crash_at_mode: power_loss`, `crash_at_after_max`): a kill at one of MySQL's points never loses an acknowledged write (docs/crash-points.md).");
        L($"The `+timed-crash` rows turn the nemesis off and power the source off a few microseconds after the {BenchSuite.TimedCrashNth:N0}th");
        L($"arrival at a point (`crash_at` with `mode: power_loss` and `after:`): {BenchSuite.AsyncCrashAfter} after a commit's OK (`{CrashPointCatalog.AfterCommitOk}`, DetSim's own point)");
        L($"for the async lost write, {BenchSuite.PhantomCrashAfter} after the engine commit (`{CrashPointCatalog.CommitBeforeUnlog}`) for the AFTER_COMMIT phantom.");
        L();
        L("| spec | invariant | found | median seeds | max seeds | median CPU s | max CPU s |");
        L("|---|---|---|---|---|---|---|");
        foreach (CampaignFigure c in r.Campaigns)
            L($"| {c.Spec} | {c.Invariant} | {c.Found}/{c.SeedsToFirst.Count} | {c.MedianSeeds} | {c.MaxSeeds} | {c.MedianSeconds} | {c.MaxSeconds} |");
        L();
        L("Seeds per campaign: " + string.Join("; ", r.Campaigns.Select(c => $"{c.Invariant}: " + string.Join(", ", c.SeedsToFirst.Select(s => s?.ToString(CultureInfo.InvariantCulture) ?? $">{c.Cap}")))));
        L();

        L("## Checker cost per history operation");
        L();
        L($"Each checker the bug-hunt spec lists, over the histories of the async bug-hunt seeds above.");
        L();
        L("| invariant | history ops | ns per op |");
        L("|---|---|---|");
        foreach (CheckerCostFigure c in r.Checkers) L($"| {c.Invariant} | {c.HistoryOps:N0} | {F(c.NanosPerOp, "N0")} |");
        L();

        L("## Memory over many seeds");
        L();
        L($"{r.Memory.Checkpoints.LastOrDefault()?.Seeds ?? 0:N0} seeds of {r.Memory.Spec} through the campaign runner in one process (`check --jobs {r.Memory.Jobs}`), measured first, in {F(r.Memory.Seconds, "F0")} s.");
        L();
        L("| seeds | peak working set | working set | managed heap |");
        L("|---|---|---|---|");
        foreach (MemoryCheckpoint m in r.Memory.Checkpoints)
            L($"| {m.Seeds:N0} | {F(m.PeakWorkingSetBytes / 1048576.0, "F0")} MB | {F(m.WorkingSetBytes / 1048576.0, "F0")} MB | {F(m.HeapBytes / 1048576.0, "F0")} MB |");
        L();
        L($"Re-run: `dotnet run --project src/DetSim.Cli -c Release -- bench all{memorySeeds}` (add `--json FILE` for the figures as JSON).");
        return md.ToString();
    }
}
