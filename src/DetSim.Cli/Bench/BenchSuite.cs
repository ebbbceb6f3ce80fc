using System.Diagnostics;
using DetSim.Checking;
using DetSim.Cli.Campaign;
using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using DetSim.Replication.Server;
using DetSim.Specs;

namespace DetSim.Cli.Bench;

/// <summary>How big a `bench all` run is: the full suite takes minutes, --quick seconds.</summary>
public sealed record BenchPlan
{
    public required string SpecDir { get; init; }
    public bool Quick { get; init; }
    public int Jobs { get; init; } = Environment.ProcessorCount;
    public long KernelEvents { get; init; } = 2_000_000;
    public int KernelRepeat { get; init; } = 3;
    public int StandardSeeds { get; init; } = 2_000;
    public int BugHuntSeeds { get; init; } = 20;
    /// <summary>Seeds run untimed at least before a figure; more run until the JIT has settled (<see cref="JitWarmUp"/>).</summary>
    public int WarmSeeds { get; init; } = DefaultWarmSeeds;

    /// <summary>The standard spec's seeds are short: it warms this many times <see cref="WarmSeeds"/>.</summary>
    public int StandardWarmSeeds => WarmSeeds * StandardWarmFactor;

    /// <summary>
    /// Code run once a seed (set-up, failover, checkers) reaches optimised code only after twice the
    /// runtime's call-count threshold of 30 (tier 0, then tier 0 instrumented for PGO), in a wave
    /// after quiet batches: with 5 warm seeds, and with warming until a quiet batch, 540 methods were
    /// still compiled in 50 timed bug-hunt seeds (15-18 ms of JIT each); from 70 on, 71-94 (1-2 ms).
    /// </summary>
    public const int DefaultWarmSeeds = 70;
    public const int StandardWarmFactor = 3;
    public int Campaigns { get; init; } = 20;
    public int CampaignSeedCap { get; init; } = 400;
    public int MemorySeeds { get; init; } = 20_000;

    public static BenchPlan Full(string specDir) => new() { SpecDir = specDir };

    public static BenchPlan QuickPlan(string specDir) => new()
    {
        SpecDir = specDir, Quick = true, KernelEvents = 100_000, KernelRepeat = 1, StandardSeeds = 8,
        BugHuntSeeds = 1, WarmSeeds = 1, Campaigns = 1, CampaignSeedCap = 2, MemorySeeds = 20,
    };
}

/// <summary>Every figure of `bench all`, measured in one process, one after the other.</summary>
public sealed record BenchReport
{
    public required MachineInfo Machine { get; init; }
    public required BenchPlan Plan { get; init; }
    public required IReadOnlyList<KernelBench.Figures> Kernel { get; init; }
    public required bool KernelSameSequence { get; init; }
    public required IReadOnlyList<ThroughputFigure> Standard { get; init; }
    public required IReadOnlyList<SeedCostFigure> SeedCosts { get; init; }
    public required IReadOnlyList<CampaignFigure> Campaigns { get; init; }
    public required IReadOnlyList<CheckerCostFigure> Checkers { get; init; }
    public required MemoryFigure Memory { get; init; }
    public required double TotalSeconds { get; init; }
}

public sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, bool ServerGc, bool ConcurrentGc, string Date)
{
    /// <summary>The 1-minute load average when the suite ended (Linux), to read wall-clock figures against: other work on the cores slows them.</summary>
    public string LoadAverage { get; init; } = "unknown";

    public static MachineInfo Current()
    {
        string cpu = "unknown";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return new MachineInfo(Environment.ProcessorCount, cpu, System.Runtime.InteropServices.RuntimeInformation.OSDescription,
            System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription, System.Runtime.GCSettings.IsServerGC,
            System.Runtime.GCSettings.LatencyMode != System.Runtime.GCLatencyMode.Batch,
            DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture))
        {
            LoadAverage = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown",
        };
    }
}

/// <summary>A spec run over seeds by the campaign runner with <see cref="Jobs"/> workers.</summary>
/// <param name="Processes">0: one process with <see cref="Jobs"/> workers; else that many separate `detsim check --jobs 1` processes at once.</param>
public sealed record ThroughputFigure(string Spec, int Jobs, int Seeds, double WallSeconds, double CpuSeconds, int Processes = 0)
{
    public double SeedsPerSecond => Seeds / WallSeconds;
    public double SeedsPerSecondPerCore => SeedsPerSecond / Jobs;
    public double SeedsPerCpuSecond => Seeds / CpuSeconds;
}

/// <summary>One spec's cost per seed on one thread: CPU, scheduler steps, simulated time.</summary>
/// <remarks><see cref="JitSeconds"/>: the JIT's compile time (any thread) inside the timed seeds, part of <see cref="CpuSeconds"/>: how far from steady state the figure still is.</remarks>
public sealed record SeedCostFigure(string Spec, int Seeds, double CpuSeconds, double WallSeconds, long Steps, double SimulatedSeconds, long HistoryOps, long AllocatedBytes, double JitSeconds)
{
    public double JitPerSeed => JitSeconds / Seeds;
    public double BytesPerStep => (double)AllocatedBytes / Math.Max(1, Steps);
    public double CpuPerSeed => CpuSeconds / Seeds;
    public double StepsPerSeed => (double)Steps / Seeds;
    public double MicrosPerStep => CpuSeconds * 1e6 / Math.Max(1, Steps);
    public double SimulatedPerCpu => SimulatedSeconds / CpuSeconds;
}

/// <summary>
/// Campaigns that each start at their own seed and run until the first seed breaks the expected
/// invariant: how many seeds and how much CPU each needed (capped at <see cref="Cap"/> seeds).
/// </summary>
public sealed record CampaignFigure(string Spec, string Invariant, int Cap, IReadOnlyList<int?> SeedsToFirst, IReadOnlyList<double> CpuSecondsToFirst)
{
    public int Found => SeedsToFirst.Count(s => s is not null);
    public string MedianSeeds => Median(SeedsToFirst.Select(s => (double)(s ?? int.MaxValue)).ToList(), "F0");
    public string MaxSeeds => SeedsToFirst.Any(s => s is null) ? $">{Cap}" : SeedsToFirst.Max()!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
    public string MedianSeconds => Median(CpuSecondsToFirst.Zip(SeedsToFirst, (c, s) => s is null ? double.PositiveInfinity : c).ToList(), "F3");
    public string MaxSeconds => SeedsToFirst.Any(s => s is null) ? $">{CpuSecondsToFirst.Max():F3}" : CpuSecondsToFirst.Max().ToString("F3", System.Globalization.CultureInfo.InvariantCulture);

    private string Median(List<double> xs, string format)
    {
        if (xs.Count == 0) return "-";
        xs.Sort();
        double m = xs[(xs.Count - 1) / 2];
        return double.IsInfinity(m) || m == int.MaxValue ? $">{(format == "F0" ? Cap.ToString(System.Globalization.CultureInfo.InvariantCulture) : "cap")}" : m.ToString(format, System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>One checker's cost per history operation over the bug-hunt runs.</summary>
public sealed record CheckerCostFigure(string Invariant, long HistoryOps, double Seconds)
{
    public double NanosPerOp => Seconds * 1e9 / Math.Max(1, HistoryOps);
}

/// <summary>Peak working set and managed heap while running many seeds of one spec in one process.</summary>
public sealed record MemoryFigure(string Spec, IReadOnlyList<MemoryCheckpoint> Checkpoints, double Seconds)
{
    /// <summary>Campaign workers that ran the seeds.</summary>
    public int Jobs { get; init; } = 1;
}

public sealed record MemoryCheckpoint(int Seeds, long PeakWorkingSetBytes, long WorkingSetBytes, long HeapBytes);

/// <summary>Runs the suite. The wall clock and CPU clock are real here: this is the benchmark, not the simulation.</summary>
public static class BenchSuite
{
    public const string Standard = "standard";
    public const string BugHuntAsync = "bug-hunt-async";
    public const string BugHuntAfterCommit = "bug-hunt-after-commit";
    public const string BugHuntAfterSync = "bug-hunt-after-sync";

    public static BenchReport Run(BenchPlan plan, Action<string> progress, CancellationToken cancel)
    {
        var total = Stopwatch.StartNew();
        Spec Load(string name) => SpecFiles.LoadOne(Path.Combine(plan.SpecDir, name + ".yaml"));
        Spec standard = Load(Standard), async = Load(BugHuntAsync), afterCommit = Load(BugHuntAfterCommit), afterSync = Load(BugHuntAfterSync);

        // Memory first, so the peak working set is this spec's alone.
        progress("memory");
        SpecJudge.RunSeed(standard, 1_000_000);
        MemoryFigure memory = Memory(standard, plan.MemorySeeds, plan.Jobs, cancel);

        progress("kernel");
        var (kernel, same) = Kernel(plan);

        progress("bug-hunt seeds");
        var costs = new List<SeedCostFigure>();
        // Warm the JIT before timing, until tiered compilation has settled (JitWarmUp).
        foreach (Spec s in new[] { async, afterCommit, afterSync, standard }) WarmUp(s, plan.WarmSeeds, s == standard, settle: !plan.Quick);
        foreach (Spec s in new[] { async, afterCommit, afterSync }) costs.Add(SeedCost(s, plan.BugHuntSeeds));
        costs.Add(SeedCost(standard, Math.Max(plan.BugHuntSeeds, plan.StandardSeeds / 4)));

        progress("checkers");
        var checkers = CheckerCosts(async, plan.BugHuntSeeds, async.Check);

        progress("standard spec throughput");
        var throughput = new List<ThroughputFigure>();
        foreach (int jobs in plan.Jobs > 1 ? new[] { 1, plan.Jobs } : [1])
            throughput.Add(Throughput(standard, jobs, plan.StandardSeeds, plan.StandardWarmSeeds, cancel));
        // The control: separate processes share no memory, so what they lose against N× is what the cores share.
        if (plan.Jobs > 1 && !cancel.IsCancellationRequested)
            foreach (int n in new[] { 1, plan.Jobs })
                if (Processes(Path.Combine(plan.SpecDir, Standard + ".yaml"), standard.Name, n, plan.StandardSeeds) is { } f) throughput.Add(f);

        progress("campaigns to the first failure");
        var campaigns = new List<CampaignFigure>
        {
            Campaign(async, "no_lost_acked_write", plan.Campaigns, plan.CampaignSeedCap, cancel),
            Campaign(afterCommit, "no_phantom_read", plan.Campaigns, plan.CampaignSeedCap, cancel),
            Campaign(WithCrashPoints(async), "no_lost_acked_write", plan.Campaigns, plan.CampaignSeedCap, cancel),
            Campaign(WithCrashPoints(afterCommit), "no_phantom_read", plan.Campaigns, plan.CampaignSeedCap, cancel),
            Campaign(WithTimedCrash(async, CrashPointCatalog.AfterCommitOk, AsyncCrashAfter), "no_lost_acked_write", plan.Campaigns, plan.CampaignSeedCap, cancel),
            Campaign(WithTimedCrash(afterCommit, CrashPointCatalog.CommitBeforeUnlog, PhantomCrashAfter), "no_phantom_read", plan.Campaigns, plan.CampaignSeedCap, cancel),
        };

        return new BenchReport
        {
            Machine = MachineInfo.Current(), Plan = plan, Kernel = kernel, KernelSameSequence = same, Standard = throughput, SeedCosts = costs,
            Campaigns = campaigns, Checkers = checkers, Memory = memory, TotalSeconds = total.Elapsed.TotalSeconds,
        };
    }

    private static (IReadOnlyList<KernelBench.Figures>, bool) Kernel(BenchPlan plan)
    {
        const int nodes = 16;
        KernelBench.Scheduler(nodes, Math.Min(plan.KernelEvents, 200_000), 1);
        KernelBench.Scheduler(nodes, Math.Min(plan.KernelEvents, 200_000), 1, TieBreak.Choice);
        KernelBench.Bare(nodes, Math.Min(plan.KernelEvents, 200_000), 1);
        KernelBench.Figures? sch = null, bare = null, choice = null;
        bool same = true;
        for (int i = 0; i < plan.KernelRepeat; i++)
        {
            var s = KernelBench.Scheduler(nodes, plan.KernelEvents, 42);
            var b = KernelBench.Bare(nodes, plan.KernelEvents, 42);
            var c = KernelBench.Scheduler(nodes, plan.KernelEvents, 42, TieBreak.Choice);
            same &= s.Checksum == b.Checksum && s.Events == b.Events;
            if (sch is null || s.EventsPerSecond > sch.EventsPerSecond) sch = s;
            if (bare is null || b.EventsPerSecond > bare.EventsPerSecond) bare = b;
            if (choice is null || c.EventsPerSecond > choice.EventsPerSecond) choice = c;
        }
        return ([sch!, bare!, choice!], same);
    }

    /// <summary>Untimed seeds of <paramref name="spec"/> until the JIT has settled: batches of 5 bug-hunt or 100 standard seeds, at most 40 batches.</summary>
    /// <param name="warmSeeds">The least number of warm seeds, times <see cref="BenchPlan.StandardWarmFactor"/> for short seeds.</param>
    /// <param name="settle">False (a quick run): only the least number, without waiting for the JIT.</param>
    public static int WarmUp(Spec spec, int warmSeeds, bool shortSeeds, bool settle = true)
    {
        int batch = shortSeeds ? 100 : 5;
        int min = shortSeeds ? warmSeeds * BenchPlan.StandardWarmFactor : warmSeeds;
        return JitWarmUp.Run(i => SpecJudge.RunSeed(spec, 1_000_000 + (ulong)i), min, batch, settle ? Math.Max(min, 40 * batch) : min);
    }

    /// <remarks>
    /// Each seed's outcome is dropped before the next, as a campaign drops it: the seeds' reports kept
    /// for the checkers' figure made every collection of the later seeds (and of every section after,
    /// this method running once) mark gigabytes of them, 108.7 ms a bug-hunt seed against 60-66 in
    /// `--seed-cost` (2026-12-03).
    /// </remarks>
    private static SeedCostFigure SeedCost(Spec spec, int seeds)
    {
        double cpu0 = CpuClock.Seconds();
        long allocated0 = GC.GetAllocatedBytesForCurrentThread();
        TimeSpan jit0 = System.Runtime.JitInfo.GetCompilationTime();
        var clock = Stopwatch.StartNew();
        long steps = 0, ops = 0;
        double simulated = 0;
        for (int i = 0; i < seeds; i++)
        {
            SeedOutcome o = SpecJudge.RunSeed(spec, 1 + (ulong)i); // seeds 1..N whatever the spec's seed_start, so runs compare
            if (o.Report is { } r)
            {
                steps += r.Result.Steps;
                simulated += r.Result.EndTime.Micros / 1e6;
                ops += r.History.Count;
            }
        }
        return new SeedCostFigure(spec.Name, seeds, CpuClock.Seconds() - cpu0, clock.Elapsed.TotalSeconds, steps, simulated, ops, GC.GetAllocatedBytesForCurrentThread() - allocated0,
            (System.Runtime.JitInfo.GetCompilationTime() - jit0).TotalSeconds);
    }

    /// <summary>Each checker timed over the reports of seeds 1..N of <paramref name="spec"/>, one report alive at a time.</summary>
    private static IReadOnlyList<CheckerCostFigure> CheckerCosts(Spec spec, int seeds, IReadOnlyList<string> names)
    {
        IInvariant[] invariants = [.. names.Select(n => InvariantCatalog.ByName(n)!)];
        var clocks = invariants.Select(_ => new Stopwatch()).ToArray();
        long ops = 0;
        for (int i = 0; i < seeds; i++)
        {
            if (SpecJudge.RunSeed(spec, 1 + (ulong)i).Report is not { } report) continue;
            ops += report.History.Count;
            for (int k = 0; k < invariants.Length; k++)
            {
                clocks[k].Start();
                invariants[k].Check(report);
                clocks[k].Stop();
            }
        }
        return [.. names.Select((name, k) => new CheckerCostFigure(name, ops, clocks[k].Elapsed.TotalSeconds))];
    }

    private static ThroughputFigure Throughput(Spec spec, int jobs, int seeds, int warm, CancellationToken cancel)
    {
        var runner = new CheckRunner(jobs, Shard.All);
        runner.Run(spec, Math.Max(warm, jobs * 2), 5_000_000, cancel); // warm every worker
        double cpu0 = CpuClock.Seconds();
        var clock = Stopwatch.StartNew();
        SpecResult r = runner.Run(spec, seeds, spec.SeedStart, cancel);
        return new ThroughputFigure(spec.Name, jobs, r.SeedsRun, clock.Elapsed.TotalSeconds, CpuClock.Seconds() - cpu0);
    }

    /// <summary>
    /// <paramref name="n"/> `detsim check --jobs 1` processes at once, each on its own seeds: wall time
    /// until the last ends (an exited process's CPU time cannot be read, so none). Each pays its own
    /// start and JIT, so compare n against 1 of them.
    /// Null when this process cannot start itself.
    /// </summary>
    private static ThroughputFigure? Processes(string specPath, string name, int n, int seeds)
    {
        string? self = Environment.ProcessPath;
        System.Reflection.Assembly? entry = System.Reflection.Assembly.GetEntryAssembly();
        if (self is null || entry?.GetName().Name != "detsim") return null; // a test host, not the detsim command
        // Under `dotnet detsim.dll` the process is dotnet: start the same assembly again.
        bool host = Path.GetFileNameWithoutExtension(self) == "dotnet";
        var clock = Stopwatch.StartNew();
        var children = new List<Process>();
        for (int i = 0; i < n; i++)
        {
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            if (host) start.ArgumentList.Add(entry.Location);
            foreach (string a in new[] { "check", specPath, "--seeds", seeds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                         "--seed-start", (7_000_000 + i * seeds).ToString(System.Globalization.CultureInfo.InvariantCulture), "--jobs", "1" })
                start.ArgumentList.Add(a);
            children.Add(Process.Start(start)!);
        }
        bool ok = true;
        foreach (Process c in children)
        {
            c.StandardOutput.ReadToEnd();
            c.StandardError.ReadToEnd();
            c.WaitForExit();
            ok &= c.ExitCode == 0;
            c.Dispose();
        }
        return ok ? new ThroughputFigure(name, 1, n * seeds, clock.Elapsed.TotalSeconds, double.NaN, n) : null;
    }

    /// <summary>The points the +crash-points nemesis draws from: MySQL's commit pipeline and the OK of a commit.</summary>
    public static IReadOnlyList<string> DrawnCrashPoints { get; } = [.. CrashPointCatalog.Names, CrashPointCatalog.AfterCommitOk];

    /// <summary>The +crash-points nemesis's N-th arrival is drawn from 1 to this.</summary>
    public const int DrawnCrashNthMax = 1_000;

    /// <summary>The +crash-points nemesis powers the source off a delay drawn from 0 to this after the arrival (a loopback round trip).</summary>
    public static readonly Duration DrawnCrashAfterMax = Duration.FromMicros(100);

    /// <summary>
    /// The same workload, its nemesis arming a crash point drawn from the seed instead of a kill at a
    /// random moment: a point of <see cref="DrawnCrashPoints"/>, its N-th arrival, and a power loss a
    /// drawn delay after it (a kill at the point itself never loses an acknowledged write: docs/crash-points.md).
    /// </summary>
    private static Spec WithCrashPoints(Spec spec) => spec with
    {
        Name = spec.Name + "+crash-points",
        Scenario = spec.Scenario with
        {
            Nemesis = spec.Scenario.Nemesis! with
            {
                CrashWeight = 0, CrashAtWeight = 1, CrashPoints = DrawnCrashPoints, CrashAtNthMax = DrawnCrashNthMax,
                CrashAtMode = CrashMode.DropUnsynced, CrashAtAfterMax = DrawnCrashAfterMax,
            },
        },
    };

    /// <summary>
    /// The N-th transaction reaching the point for a timed crash, about 75 ms into the bug-hunt load.
    /// The window is the same at any N (17 of 20 seeds lost a write at N = 300 and at N = 1,000, with
    /// the seed-cost option), and an early crash makes a short run: 6,400 steps per seed instead of 20,700.
    /// </summary>
    public const int TimedCrashNth = 300;

    /// <summary>
    /// Async: power off 40 µs after the N-th commit's OK, about the loopback latency, so the OK may
    /// have reached its client while the events are still on their way to the replica.
    /// </summary>
    public static readonly Duration AsyncCrashAfter = Duration.FromMicros(40);

    /// <summary>AFTER_COMMIT: power off 60 µs after the N-th engine commit, inside its ACK wait, while readers can already see it.</summary>
    public static readonly Duration PhantomCrashAfter = Duration.FromMicros(60);

    /// <summary>
    /// The same workload, the nemesis off, and one timed crash: the N-th arrival at a crash point
    /// powers the source off a few microseconds later (crash_at with mode power_loss and after).
    /// </summary>
    private static Spec WithTimedCrash(Spec spec, string point, Duration after) => spec with
    {
        Name = spec.Name + "+timed-crash",
        Scenario = spec.Scenario with
        {
            Nemesis = null,
            Faults = new FaultPlan().At(SimTime.Zero, new CrashAtFault("s1", point, TimedCrashNth, Mode: CrashMode.DropUnsynced, After: after)),
        },
    };

    private static CampaignFigure Campaign(Spec spec, string invariant, int campaigns, int cap, CancellationToken cancel)
    {
        var seeds = new List<int?>();
        var cpu = new List<double>();
        for (int c = 0; c < campaigns && !cancel.IsCancellationRequested; c++)
        {
            ulong start = 1 + (ulong)c * 1_000_000;
            double cpu0 = CpuClock.Seconds();
            int? found = null;
            for (int i = 0; i < cap && !cancel.IsCancellationRequested; i++)
            {
                SeedOutcome o = SpecJudge.RunSeed(spec, start + (ulong)i);
                if (o.Kind == SeedKind.Finished && o.Violations.Any(v => v.Invariant == invariant)) { found = i + 1; break; }
            }
            seeds.Add(found);
            cpu.Add(CpuClock.Seconds() - cpu0);
        }
        return new CampaignFigure(spec.Name, invariant, cap, seeds, cpu);
    }

    /// <summary>
    /// Many seeds through the campaign runner with every core (what `detsim check` does), the process's
    /// peak working set and managed heap read as the judged seeds pass 1%, 10%, 50% and all of them.
    /// </summary>
    private static MemoryFigure Memory(Spec spec, int seeds, int jobs, CancellationToken cancel)
    {
        var checkpoints = new List<MemoryCheckpoint>();
        var marks = new SortedSet<int> { Math.Max(1, seeds / 100), Math.Max(1, seeds / 10), Math.Max(1, seeds / 2), seeds };
        var clock = Stopwatch.StartNew();
        var runner = new CheckRunner(jobs, Shard.All);
        runner.SeedsDone += (_, done, _) =>
        {
            if (!marks.Contains(done)) return;
            using var p = Process.GetCurrentProcess();
            checkpoints.Add(new MemoryCheckpoint(done, p.PeakWorkingSet64, p.WorkingSet64, GC.GetTotalMemory(false)));
        };
        runner.Run(spec, seeds, 10_000_001, cancel);
        return new MemoryFigure(spec.Name, checkpoints, clock.Elapsed.TotalSeconds) { Jobs = jobs };
    }
}
