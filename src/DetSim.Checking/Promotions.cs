using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking;

/// <summary>A server that became the source after a failover, with the errant GTIDs it held when the failover began.</summary>
internal sealed record Promotion(FailoverSnapshot At, string OldSource, string NewSource, GtidSet Errant);

/// <summary>
/// Promotions judged from the servers themselves: which server the service directory named next,
/// and the GTIDs it held when the failover began that no legitimate writer made. A writer is
/// legitimate when it was the designated source before, or acknowledged client writes before the
/// failover; any other server's GTIDs are errant transactions (local writes on a replica; RM80
/// replication-gtids-failover.html, MYSQL-FACTS §5.3). Never the failover tool's own report.
/// </summary>
internal static class Promotions
{
    public static IReadOnlyList<Promotion> Of(RunReport report)
    {
        var promotions = new List<Promotion>();
        var legit = new HashSet<string>(StringComparer.Ordinal);
        string? initial = report.Scenario.Servers.FirstOrDefault(s => s.Source is null)?.Name ?? report.Scenario.Servers.FirstOrDefault()?.Name;
        if (initial is not null) legit.Add(initial);
        for (int k = 0; k < report.FailoverSnapshots.Count; k++)
        {
            FailoverSnapshot snap = report.FailoverSnapshots[k];
            if (snap.Source is not null) legit.Add(snap.Source);
            foreach (Operation op in report.History)
                if (!op.IsRead && op.Acknowledged && op.Completed <= snap.At) legit.Add(op.Server);
            string? next = k + 1 < report.FailoverSnapshots.Count ? report.FailoverSnapshots[k + 1].Source : report.FinalSource;
            if (next is null || next == snap.Source || snap.Source is null) continue;
            ServerAtFailover? promoted = snap.Servers.FirstOrDefault(s => s.Name == next);
            if (promoted?.GtidExecuted is null) continue;
            var uuids = snap.Servers.Where(s => legit.Contains(s.Name)).Select(s => s.Uuid).ToHashSet(StringComparer.Ordinal);
            GtidSet held = GtidSet.Parse(promoted.GtidExecuted), errant = new();
            foreach (string uuid in held.SourceIds)
                if (!uuids.Contains(uuid))
                    foreach (GtidInterval iv in held.IntervalsOf(uuid)) errant.AddInterval(uuid, iv.Start, iv.End);
            promotions.Add(new Promotion(snap, snap.Source, next, errant));
            legit.Add(next);
        }
        return promotions;
    }
}
