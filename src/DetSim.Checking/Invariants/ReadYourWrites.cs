using DetSim.Harness.History;
using DetSim.Harness.Checking;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Invariants;

/// <summary>
/// A session reads its own acknowledged writes: after a session's write of row k was acknowledged,
/// a later point read of row k by the same session (SELECT ... WHERE id = k, any projection that
/// keeps the key) returns that write or a newer one. Reading from a lagging replica breaks it.
/// </summary>
public sealed class ReadYourWrites : IInvariant
{
    public string Name => "read_your_writes";
    public string Promise => "a session's point read returns its own acknowledged writes";

    public CheckResult Check(RunReport report)
    {
        var violations = new List<Violation>();
        var schemas = ReadShape.Schemas(report);
        // Per session and row: the after image of the session's latest acknowledged write.
        var mine = new Dictionary<(string, int, string, long), (Value[]? After, Operation Op)>();
        foreach (Operation op in report.History)
        {
            if (!op.Acknowledged) continue;
            if (!op.IsRead)
            {
                foreach (RowChange c in op.Changes) mine[(op.Client, op.Session, c.Table, c.Key)] = (c.After, op);
                continue;
            }
            ReadShape? shape = ReadShape.Of(op.Sql[^1], schemas);
            if (shape is null || !shape.RowsAreIdentified || Footprint.PinnedKeys(shape.Select.Where, shape.Schema.Columns[0].Name) is not { Count: 1 } pinned) continue;
            string table = shape.Table;
            long key = pinned.First();
            if (!mine.TryGetValue((op.Client, op.Session, table, key), out var last) || last.Op.Completed > op.Invoked) continue;
            Value[]? seen = op.Rows.FirstOrDefault();
            bool sees = last.After is null ? seen is null : seen is not null && (shape.Shows(seen, last.After) || OthersWrote(report, op, last.Op, table, key));
            if (!sees)
                violations.Add(new Violation(Name, op.Completed ?? op.Invoked,
                    $"{op.Client}/s{op.Session} wrote {table} row {key} (acknowledged at {last.Op.Completed} by {last.Op.Server}) and then read {(seen is null ? "no row" : $"({FinalState.Text(seen)})")} from {op.Server}",
                    [last.Op.Id, op.Id], [last.Op.Server, op.Server]));
        }
        return CheckResult.Of(Name, violations);
    }

    /// <summary>Another session's write to the row between ours and the read excuses a different value.</summary>
    private static bool OthersWrote(RunReport report, Operation read, Operation ours, string table, long key) =>
        report.History.Any(o => !o.IsRead && o.Outcome != OpOutcome.Failed && !ReferenceEquals(o, ours)
            && (o.Client != read.Client || o.Session != read.Session) && o.Invoked < read.Completed
            && (o.Changes.Count == 0 || o.Changes.Any(c => c.Table == table && c.Key == key)));
}
