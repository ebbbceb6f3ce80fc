using DetSim.Harness.History;

namespace DetSim.Harness.Checking;

/// <summary>
/// The share of write requests that succeeded is at least <see cref="Threshold"/> (an SLA), for
/// any model. A single server that crashes fails every write until it is back: the cafe's
/// three-hour outage. Inconclusive when the run was cut short: the writes in flight then were never given a chance.
/// </summary>
public sealed class Availability<TRun>(double threshold = 0.99) : IChecker<TRun> where TRun : IRunEvidence
{
    public double Threshold { get; } = threshold;
    public string Name => "availability";
    public string Promise => $"at least {Threshold:P0} of write requests succeed";

    public CheckResult Check(TRun run)
    {
        if (run.CutShort is { } cut) return CheckResult.Inconclusive(Name, cut);
        var writes = run.Operations.Where(o => !o.IsRead).ToList();
        if (writes.Count == 0) return CheckResult.Inconclusive(Name, "history incomplete: no write was attempted");
        int ok = writes.Count(o => o.Outcome == OpOutcome.Ok);
        double share = (double)ok / writes.Count;
        if (share >= Threshold) return CheckResult.Pass(Name);
        var failed = writes.Where(o => o.Outcome != OpOutcome.Ok).ToList();
        HistoryOperation first = failed[0];
        return CheckResult.Of(Name, [new Violation(Name, first.Invoked,
            $"{ok} of {writes.Count} writes succeeded ({share:P1} < {Threshold:P0}); the first failure was {first} and failures continued until {failed[^1].Invoked}",
            failed.Take(20).Select(o => o.Id).ToArray(), failed.Select(o => o.Server).Distinct().ToArray())]);
    }
}
