using DetSim.Harness.Checking;
using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking.Invariants;

/// <summary>
/// After a failover only the new source accepts writes: no two live servers end writable
/// (read_only=OFF) while replicating from no one (an old source that came back and was never
/// re-pointed), no server other than the new source acknowledges a client write after the
/// promotion, and no server, in the final topology or not, holds errant GTIDs: transactions the
/// final source does not have, or that a promoted server held without any source having made them
/// (RM80 replication-gtids-failover.html; MYSQL-FACTS §5.3). Runs without a failover are not judged
/// (active-active is a choice, not a split). Inconclusive when the run was cut short.
/// </summary>
public sealed class NoSplitBrain : IInvariant
{
    public string Name => "no_split_brain";
    public string Promise => "after a failover no two servers accept writes and no server holds errant GTIDs";

    public CheckResult Check(RunReport report)
    {
        if (report.CutShort is { } cut) return CheckResult.Inconclusive(Name, cut);
        IReadOnlyList<Promotion> promotions = Promotions.Of(report);
        if (promotions.Count == 0) return CheckResult.Pass(Name);
        var violations = new List<Violation>();
        var at = report.Result.EndTime;
        var writable = report.Servers.Where(s => s.Alive && !s.ReadOnly && s.ConfiguredSource is null).Select(s => s.Name).ToList();
        if (writable.Count > 1)
            violations.Add(new Violation(Name, at, $"{string.Join(" and ", writable)} all end writable (read_only=OFF) and replicate from no one: each accepts writes the others never see", [], writable));
        foreach (Promotion p in promotions)
            if (!p.Errant.IsEmpty)
                violations.Add(new Violation(Name, p.At.At, $"{p.NewSource} became the source holding errant GTIDs {p.Errant}", [], [p.NewSource]));
        Promotion last = promotions[^1];
        SplitWrites(report, last, violations);
        ServerSnapshot? source = report.FinalSource is null ? null : report.Server(report.FinalSource);
        if (source?.GtidExecuted is null)
            return CheckResult.Of(Name, violations, $"final source {report.FinalSource} is down: errant GTIDs on the others cannot be told");
        GtidSet final = GtidSet.Parse(source.GtidExecuted);
        foreach (ServerSnapshot s in report.Servers)
        {
            if (s.Name == source.Name || s.GtidExecuted is null) continue;
            GtidSet extra = GtidSet.Parse(s.GtidExecuted).Subtract(final);
            if (!extra.IsEmpty)
                violations.Add(new Violation(Name, at, $"{s.Name} holds errant GTIDs {extra} that the source {source.Name} does not have{(s.ConfiguredSource is null ? " (outside the replication topology)" : "")}", [], [s.Name, source.Name]));
        }
        return CheckResult.Of(Name, violations);
    }

    /// <summary>
    /// Writes acknowledged by another server after the new source acknowledged its first one (from
    /// then on it was the source, whatever the tool reported).
    /// </summary>
    private void SplitWrites(RunReport report, Promotion last, List<Violation> violations)
    {
        Core.Time.SimTime promoted = report.History.Where(o => !o.IsRead && o.Acknowledged && o.Server == last.NewSource && o.Invoked > last.At.At)
            .Select(o => o.Invoked).DefaultIfEmpty(Core.Time.SimTime.MaxValue).Min();
        var splits = report.History.Where(o => !o.IsRead && o.Acknowledged && o.Invoked > promoted && o.Server != last.NewSource).ToList();
        if (splits.Count > 0)
            violations.Add(new Violation(Name, splits[0].Completed ?? splits[0].Invoked,
                $"{splits.Count} write(s) acknowledged by {string.Join(", ", splits.Select(o => o.Server).Distinct())} after {last.NewSource} became the source, the first {splits[0]}",
                splits.Take(20).Select(o => o.Id).ToArray(), splits.Select(o => o.Server).Distinct().Append(last.NewSource).ToArray()));
    }
}
