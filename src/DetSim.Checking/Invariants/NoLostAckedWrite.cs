using DetSim.Harness.History;
using DetSim.Harness.Checking;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Invariants;

/// <summary>
/// A commit a client saw succeed is on the source at the end. Checked three ways: its GTID is in the
/// final source's gtid_executed; for every row it wrote whose last acknowledged writer no other
/// possibly-committed write could have overtaken, the final row is that writer's after image; and an
/// acknowledged INSERT of a key that a later INSERT could create again (no delete in between) was
/// gone by then. Rows a write with an unknown outcome may have changed are set aside one by one
/// (<see cref="Footprint"/>), never whole tables. Inconclusive when the final source is down or the
/// run was cut short.
/// </summary>
public sealed class NoLostAckedWrite : IInvariant
{
    public string Name => "no_lost_acked_write";
    public string Promise => "every acknowledged commit is on the source at the end of the run";

    public CheckResult Check(RunReport report)
    {
        ServerSnapshot? source = FinalState.Source(report, out string? undecided);
        if (source is null) return CheckResult.Inconclusive(Name, undecided!);
        var violations = new List<Violation>();
        GtidSet executed = GtidSet.Parse(source.GtidExecuted ?? "");
        string? gtidSource = null;
        // Every completed write's change, for the row checks, gathered in the same pass (the history's
        // operations are out of cache: each pass over them costs more than the work it does).
        var changes = new List<(string Table, long Key, int Order, Operation Op, RowChange Change)>();
        foreach (Operation op in report.History)
        {
            if (op.IsRead) continue;
            if (op.Outcome == OpOutcome.Ok)
                for (int i = 0; i < op.Changes.Count; i++)
                    changes.Add((op.Changes[i].Table, op.Changes[i].Key, changes.Count, op, op.Changes[i]));
            if (!op.Acknowledged || op.Gtid is null) continue;
            if (!executed.Contains(FinalState.ParseGtid(op.Gtid, ref gtidSource)))
                violations.Add(new Violation(Name, op.Completed ?? op.Invoked,
                    $"transaction {op.Gtid} ({string.Join("; ", op.Sql)}) was acknowledged to {op.Client} at {op.Completed} but is not in {source.Name}'s gtid_executed",
                    [op.Id], [op.Server, source.Name]));
        }
        violations.AddRange(RowChecks(report, source, changes, violations.SelectMany(v => v.Operations).ToHashSet()));
        return CheckResult.Of(Name, violations);
    }

    private IEnumerable<Violation> RowChecks(RunReport report, ServerSnapshot source, List<(string Table, long Key, int Order, Operation Op, RowChange Change)> changes, HashSet<long> alreadyReported)
    {
        Footprint unknown = Footprint.Of(report);
        // Every completed write's change, grouped per row (table in ordinal order, then key) and in
        // history order within a row: one sorted list, not a list per row.
        changes.Sort(static (a, b) =>
        {
            int byTable = string.CompareOrdinal(a.Table, b.Table);
            return byTable != 0 ? byTable : a.Key != b.Key ? a.Key.CompareTo(b.Key) : a.Order.CompareTo(b.Order);
        });
        var finals = new Dictionary<string, Dictionary<long, Value[]>>(StringComparer.Ordinal);
        var list = new List<(Operation Op, RowChange Change)>();
        for (int start = 0, end; start < changes.Count; start = end)
        {
            (string table, long key) = (changes[start].Table, changes[start].Key);
            for (end = start + 1; end < changes.Count && changes[end].Key == key && string.Equals(changes[end].Table, table, StringComparison.Ordinal); end++) { }
            if (unknown.MayHaveTouched(table, key)) continue;
            list.Clear();
            for (int i = start; i < end; i++) list.Add((changes[i].Op, changes[i].Change));
            Violation? overwritten = ReinsertedAfterLoss(table, key, list, source, alreadyReported);
            if (overwritten is not null) { yield return overwritten; continue; }
            // The latest acknowledged write, and within it the last change of the row (an INSERT
            // then an UPDATE of the same row in one transaction leaves the UPDATE's image).
            (Operation last, RowChange change) = LastAcknowledged(list);
            bool overlapped = list.Count > 1 && Overlaps(list, last);
            if (overlapped || alreadyReported.Contains(last.Id)) continue;
            Value[]? final = FinalRow(finals, source, table, key);
            bool expectedPresent = change.Kind != RowChangeKind.Delete;
            bool ok = expectedPresent ? final is not null && final.SequenceEqual(change.After!) : final is null;
            if (!ok)
                yield return new Violation(Name, last.Completed ?? SimTime.Zero,
                    $"{table} row {key}: {last.Client}'s acknowledged write ({change}) is {(final is null ? "missing" : $"({FinalState.Text(final)})")} on {source.Name}",
                    [last.Id], [last.Server, source.Name]);
        }
    }

    /// <summary>The write acknowledged last; of two acknowledged at once, the later in history order. A loop: most rows have one writer.</summary>
    private static (Operation Op, RowChange Change) LastAcknowledged(List<(Operation Op, RowChange Change)> list)
    {
        (Operation Op, RowChange Change) last = list[0];
        for (int i = 1; i < list.Count; i++)
            if (list[i].Op.Completed!.Value.Micros >= last.Op.Completed!.Value.Micros) last = list[i];
        return last;
    }

    /// <summary>True when another write of the row completed after <paramref name="last"/> began: either may have committed last. A loop, not Any(lambda): its closure over the last writer was allocated per row.</summary>
    private static bool Overlaps(List<(Operation Op, RowChange Change)> list, Operation last)
    {
        foreach ((Operation op, _) in list)
            if (!ReferenceEquals(op, last) && op.Completed!.Value > last.Invoked) return true;
        return false;
    }

    /// <summary>The source's final row with <paramref name="key"/> (the first, as a scan finds it); the table indexed once (perf only).</summary>
    private static Value[]? FinalRow(Dictionary<string, Dictionary<long, Value[]>> finals, ServerSnapshot source, string table, long key)
    {
        if (!finals.TryGetValue(table, out Dictionary<long, Value[]>? byKey))
        {
            source.Tables!.TryGetValue(table, out var rows);
            byKey = new Dictionary<long, Value[]>(rows?.Count ?? 0);
            if (rows is not null)
                foreach (Value[] r in rows) byKey.TryAdd(r[0].Integer, r);
            finals[table] = byKey;
        }
        return byKey.GetValueOrDefault(key);
    }

    /// <summary>
    /// An INSERT succeeds only when the key is free (else 1062), so an acknowledged insert of key k
    /// followed by another acknowledged insert of k with no delete of k in between was lost by then
    /// (after a failover the new source hands out the lost AUTO_INCREMENT values again).
    /// </summary>
    private Violation? ReinsertedAfterLoss(string table, long key, List<(Operation Op, RowChange Change)> list, ServerSnapshot source, HashSet<long> alreadyReported)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].Change.Kind != RowChangeKind.Insert) continue;
            for (int j = i + 1; j < list.Count; j++)
            {
                (Operation op, RowChange c) = list[j];
                if (op.Invoked <= list[i].Op.Completed!.Value) continue; // overlapping: either order is possible
                if (c.Kind == RowChangeKind.Delete) break;
                if (c.Kind != RowChangeKind.Insert || alreadyReported.Contains(list[i].Op.Id)) continue;
                Operation lost = list[i].Op;
                return new Violation(Name, op.Completed ?? op.Invoked,
                    $"{table} row {key}: {lost.Client}'s acknowledged insert ({list[i].Change}, on {lost.Server} at {lost.Completed}) was gone when {op.Client}'s insert ({c}) took the same key on {op.Server} at {op.Completed}, with no delete in between",
                    [lost.Id, op.Id], [lost.Server, op.Server, source.Name]);
            }
        }
        return null;
    }
}
