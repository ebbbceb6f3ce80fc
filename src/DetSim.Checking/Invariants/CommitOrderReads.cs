using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Invariants;

/// <summary>
/// Reads on a replica see the source's commit order: if a read sees the row inserted by the
/// source's n-th transaction it also sees every earlier acknowledged insert into that table. A
/// multi-threaded applier without replica_preserve_commit_order breaks this (RM80
/// replication-features-transaction-inconsistencies.html, "gaps"). Needs GTIDs for the order.
/// </summary>
public sealed class CommitOrderReads : IInvariant
{
    public string Name => "commit_order_reads";
    public string Promise => "a replica never shows a later source commit without the earlier ones";

    public IReadOnlyList<Violation> Check(RunReport report)
    {
        var violations = new List<Violation>();
        // Source commit order of inserted keys, by GTID number, per table.
        var order = new Dictionary<string, SortedDictionary<long, long>>(StringComparer.OrdinalIgnoreCase); // table -> gno -> key
        foreach (Operation op in report.History)
        {
            if (!op.Acknowledged || op.Gtid is null || op.IsRead) continue;
            long gno = long.Parse(op.Gtid[(op.Gtid.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            foreach (RowChange c in op.Changes)
                if (c.Kind == RowChangeKind.Insert)
                {
                    if (!order.TryGetValue(c.Table, out var byGno)) order[c.Table] = byGno = new();
                    byGno[gno] = c.Key;
                }
        }
        string? source = report.Scenario.Servers.FirstOrDefault(s => s.Source is null)?.Name;
        foreach (Operation read in report.History)
        {
            if (!read.IsRead || !read.Acknowledged || read.Server == source) continue;
            string? table = SqlText.Table(read.Sql[^1]);
            if (table is null || !order.TryGetValue(table, out var byGno)) continue;
            var seen = read.Rows.Where(r => r.Length > 0 && !r[0].IsText).Select(r => r[0].Integer).ToHashSet();
            long newestSeen = -1;
            foreach ((long gno, long key) in byGno)
                if (seen.Contains(key)) newestSeen = gno;
            foreach ((long gno, long key) in byGno)
            {
                if (gno >= newestSeen) break;
                if (!seen.Contains(key))
                {
                    violations.Add(new Violation(Name, read.Completed ?? read.Invoked,
                        $"{read.Client} read {table} on {read.Server} and saw the row of source transaction #{newestSeen} but not row {key} committed before it (#{gno})",
                        [read.Id], [read.Server]));
                    break;
                }
            }
        }
        return violations;
    }
}
