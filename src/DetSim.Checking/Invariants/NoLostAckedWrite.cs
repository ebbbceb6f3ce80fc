using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Invariants;

/// <summary>
/// A commit a client saw succeed is on the source at the end. Checked two ways: its GTID is in the
/// final source's gtid_executed, and for every row it wrote whose last acknowledged writer no other
/// possibly-committed write could have overtaken, the final row is that writer's after image.
/// </summary>
public sealed class NoLostAckedWrite : IInvariant
{
    public string Name => "no_lost_acked_write";
    public string Promise => "every acknowledged commit is on the source at the end of the run";

    public IReadOnlyList<Violation> Check(RunReport report)
    {
        var violations = new List<Violation>();
        ServerSnapshot? source = report.FinalSource is null ? null : report.Server(report.FinalSource);
        if (source?.Tables is null) return violations; // no live source: availability's business, not durability's
        GtidSet executed = GtidSet.Parse(source.GtidExecuted ?? "");
        foreach (Operation op in report.History)
        {
            if (!op.Acknowledged || op.Gtid is null || op.IsRead) continue;
            if (!executed.Contains(ParseGtid(op.Gtid)))
                violations.Add(new Violation(Name, op.Completed ?? op.Invoked,
                    $"transaction {op.Gtid} ({string.Join("; ", op.Sql)}) was acknowledged to {op.Client} at {op.Completed} but is not in {source.Name}'s gtid_executed",
                    [op.Id], [op.Server, source.Name]));
        }
        foreach (Violation v in RowChecks(report, source, violations.SelectMany(v => v.Operations).ToHashSet()))
            violations.Add(v);
        return violations;
    }

    private IEnumerable<Violation> RowChecks(RunReport report, ServerSnapshot source, HashSet<long> alreadyReported)
    {
        // Per row: every write that may have committed, in history order.
        var writers = new Dictionary<(string, long), List<(Operation Op, RowChange Change)>>();
        var unknownTables = new List<Operation>();
        foreach (Operation op in report.History)
        {
            if (op.IsRead || op.Outcome == OpOutcome.Failed) continue;
            if (op.Outcome == OpOutcome.Unknown) { unknownTables.Add(op); continue; }
            foreach (RowChange c in op.Changes)
            {
                if (!writers.TryGetValue((c.Table, c.Key), out var list)) writers[(c.Table, c.Key)] = list = new();
                list.Add((op, c));
            }
        }
        // Writes with unknown outcome could have touched any row of their table: those rows are not judged.
        var murky = unknownTables.Select(o => SqlText.Table(o.Sql[0]) ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (((string table, long key), var list) in writers)
        {
            if (murky.Contains(table)) continue;
            (Operation last, RowChange change) = list.MaxBy(w => w.Op.Completed!.Value.Micros);
            bool overlapped = list.Any(w => !ReferenceEquals(w.Op, last) && w.Op.Completed!.Value > last.Invoked);
            if (overlapped || alreadyReported.Contains(last.Id)) continue;
            Value[]? final = source.Tables!.TryGetValue(table, out var rows) ? rows.FirstOrDefault(r => r[0].Integer == key) : null;
            bool expectedPresent = change.Kind != RowChangeKind.Delete;
            bool ok = expectedPresent ? final is not null && final.SequenceEqual(change.After!) : final is null;
            if (!ok)
                yield return new Violation(Name, last.Completed ?? SimTime.Zero,
                    $"{table} row {key}: {last.Client}'s acknowledged write ({change}) is {(final is null ? "missing" : $"({string.Join(",", final)})")} on {source.Name}",
                    [last.Id], [last.Server, source.Name]);
        }
    }

    private static Gtid ParseGtid(string text)
    {
        int colon = text.LastIndexOf(':');
        return new Gtid(text[..colon], long.Parse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
