using DetSim.Harness.Checking;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Invariants;

/// <summary>
/// Reads on a replica see the source's commit order: if a read sees the row inserted by the
/// source's n-th transaction it also sees every earlier acknowledged insert into that table. A
/// multi-threaded applier without replica_preserve_commit_order breaks this (RM80
/// replication-features-transaction-inconsistencies.html, "gaps"). Needs GTIDs for the order. A read
/// is judged when its result rows name stored rows (the key projected, <see cref="ReadShape"/>).
/// </summary>
public sealed class CommitOrderReads : IInvariant
{
    public string Name => "commit_order_reads";
    public string Promise => "a replica never shows a later source commit without the earlier ones";

    public CheckResult Check(RunReport report)
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
        // Per table: keys in source commit order, and each key's place in that order.
        var places = new Dictionary<string, (long[] Keys, Dictionary<long, int> Place)>(StringComparer.OrdinalIgnoreCase);
        foreach ((string table, SortedDictionary<long, long> byGno) in order)
        {
            long[] keys = byGno.Values.ToArray();
            var place = new Dictionary<long, int>(keys.Length);
            for (int i = 0; i < keys.Length; i++) place.TryAdd(keys[i], i);
            places[table] = (keys, place);
        }
        string? source = report.Scenario.Servers.FirstOrDefault(s => s.Source is null)?.Name;
        var schemas = ReadShape.Schemas(report);
        foreach (Operation read in report.History)
        {
            if (!read.IsRead || !read.Acknowledged || read.Server == source) continue;
            ReadShape? shape = ReadShape.Of(read.Sql[^1], schemas);
            if (shape is null || shape.Aggregate || shape.KeyColumn < 0 || !places.TryGetValue(shape.Table, out var p)) continue;
            string table = shape.Table;
            // Linear in the rows read: the newest commit seen, and how many earlier commits were seen.
            var seen = new HashSet<int>();
            foreach (Value[] row in read.Rows)
                if (shape.KeyOf(row) is { } key && p.Place.TryGetValue(key, out int at)) seen.Add(at);
            if (seen.Count == 0) continue;
            int newest = seen.Max();
            if (seen.Count == newest + 1) continue; // every commit up to the newest seen is there
            int missing = Enumerable.Range(0, newest).First(i => !seen.Contains(i));
            violations.Add(new Violation(Name, read.Completed ?? read.Invoked,
                $"{read.Client} read {table} on {read.Server} and saw the row of source transaction #{newest + 1} but not row {p.Keys[missing]} committed before it (#{missing + 1})",
                [read.Id], [read.Server]));
        }
        return CheckResult.Of(Name, violations);
    }
}
