using System.Diagnostics;
using DetSim.Specs;

namespace DetSim.Cli.Campaign;

/// <summary>
/// Runs specs over seeds with J workers, each single-threaded. Seeds go out in blocks of J in seed
/// order; a block's decisive seed is its smallest, so the verdict (first failing seed, seeds run)
/// is exactly what --jobs 1 gives.
/// </summary>
/// <param name="failover">Replaces every spec's failover tool (a library caller's own procedure; tests).</param>
public sealed class CheckRunner(int jobs, Shard shard, Replication.Failover.IFailoverProcedure? failover = null)
{
    public int Jobs => jobs;
    public Shard Shard => shard;

    /// <summary>After each block of seeds: the spec, seeds run so far, and this shard's seeds of the spec.</summary>
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
        for (int b = 0; b < mine.Count && decisive is null && !cancel.IsCancellationRequested; b += jobs)
        {
            var block = mine.Skip(b).Take(jobs).ToArray();
            var outcomes = new SeedOutcome[block.Length];
            Parallel.For(0, block.Length, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i => outcomes[i] = SpecJudge.RunSeed(spec, block[i], failover: failover));
            for (int i = 0; i < block.Length; i++)
            {
                run++;
                if (SpecJudge.IsDecisive(spec, outcomes[i])) { decisive = outcomes[i]; break; }
                tally.Add(spec, outcomes[i]);
            }
            SeedsDone?.Invoke(spec, run, mine.Count);
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
