using System.Diagnostics;
using DetSim.Specs;

namespace DetSim.Cli.Campaign;

/// <summary>
/// Runs specs over seeds with J workers, each single-threaded. Workers take the next seed as soon as
/// they finish one (no barrier per block: one slow seed holds no other worker up); this thread
/// judges the outcomes in seed order, so the verdict (first decisive seed, seeds run) is exactly
/// what --jobs 1 gives. Workers run at most a few seeds ahead of the judging, so outcomes waiting
/// to be judged stay few.
/// </summary>
/// <param name="failover">Replaces every spec's failover tool (a library caller's own procedure; tests).</param>
public sealed class CheckRunner(int jobs, Shard shard, Replication.Failover.IFailoverProcedure? failover = null)
{
    public int Jobs => jobs;
    public Shard Shard => shard;

    /// <summary>After each judged seed: the spec, seeds run so far, and this shard's seeds of the spec.</summary>
    public event Action<Spec, int, int>? SeedsDone;

    public SpecResult Run(Spec spec, int seeds, ulong seedStart, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        var mine = new List<ulong>();
        for (int i = 0; i < seeds; i++)
        {
            ulong seed = seedStart + (ulong)i;
            if (shard.Includes(seed, seedStart)) mine.Add(seed);
        }
        int run = 0;
        SeedOutcome? decisive = null;
        var tally = new SeedTally();
        using (var outcomes = new SeedQueue(mine, jobs, seed => SpecJudge.RunSeed(spec, seed, failover: failover), cancel))
        {
            for (int i = 0; i < mine.Count && !cancel.IsCancellationRequested; i++)
            {
                if (outcomes.Take(i) is not { } o) break; // cancelled before the seed ran
                run++;
                if (SpecJudge.IsDecisive(spec, o)) { decisive = o; break; }
                tally.Add(spec, o);
                SeedsDone?.Invoke(spec, run, mine.Count);
            }
        }
        SpecVerdict v = SpecJudge.Verdict(spec, run, decisive, tally);
        // Ctrl-C before a decisive seed (and before every seed ran): no verdict either way.
        bool interrupted = cancel.IsCancellationRequested && decisive is null && run < mine.Count;
        string summary = interrupted ? $"interrupted after {run} of {mine.Count} seeds: no verdict" : v.Summary;
        return new SpecResult(spec.Name, spec.File, spec.Expect.ToString().ToLowerInvariant(), spec.ExpectInvariant, v.Met && !interrupted,
            run, seedStart, seeds, shard.ToString(), v.FirstFailingSeed, v.Evidence?.TraceHash, summary, clock.Elapsed.TotalSeconds,
            v.Kind == VerdictKind.ModelError, tally.Inconclusive, tally.FirstInconclusiveSeed, tally.CutShort, tally.FirstCutShortSeed)
        {
            Interrupted = interrupted,
            SpecHash = SpecHash.Of(spec.File),
        };
    }
}
