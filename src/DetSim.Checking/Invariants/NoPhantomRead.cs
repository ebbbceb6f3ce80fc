using DetSim.Harness.History;
using DetSim.Harness.Checking;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Invariants;

/// <summary>
/// A row version some client read is still on the source at the end, unless a write that may have
/// committed replaced or deleted exactly that version. This is the AFTER_COMMIT phantom read after
/// failover (Bug #83158; MYSQL-FACTS §4.4): a reader saw a row that the promoted replica never got,
/// even if the new source later reuses its id for another row. A read is compared as what it is
/// (<see cref="ReadShape"/>): each result row with the same projection of the stored row it names.
/// Aggregates and projections without the primary key name no row and are not judged. Inconclusive
/// when the final source is down or the run was cut short.
/// </summary>
public sealed class NoPhantomRead : IInvariant
{
    public string Name => "no_phantom_read";
    public string Promise => "a row any client read is still on the source at the end unless a write replaced it";

    public CheckResult Check(RunReport report)
    {
        ServerSnapshot? source = FinalState.Source(report, out string? undecided);
        if (source is null) return CheckResult.Inconclusive(Name, undecided!);
        var schemas = ReadShape.Schemas(report);
        Footprint unknown = Footprint.Of(report);
        // Versions a completed write replaced.
        var superseded = new Dictionary<(string, long), List<Value[]>>();
        foreach (Operation op in report.History)
        {
            if (op.IsRead || op.Outcome != OpOutcome.Ok) continue;
            for (int i = 0; i < op.Changes.Count; i++) // indexed: a foreach over the interface boxed an enumerator per write
                if (op.Changes[i] is { Before: not null } c)
                {
                    if (!superseded.TryGetValue((c.Table, c.Key), out List<Value[]>? versions)) superseded[(c.Table, c.Key)] = versions = new();
                    versions.Add(c.Before);
                }
        }
        var violations = new List<Violation>();
        var reported = new HashSet<(string, long)>();
        var finals = new Dictionary<string, Dictionary<long, Value[]>>(StringComparer.OrdinalIgnoreCase);
        var shapes = new Dictionary<string, ReadShape?>(StringComparer.Ordinal);
        // Per shape, per key: the row version last judged still there (perf only: one long-keyed lookup per row read).
        var stillThere = new Dictionary<ReadShape, RowsByKey>(ReferenceEqualityComparer.Instance);
        (IReadOnlyList<Value[]>? Rows, ReadShape? Shape) judged = (null, null);
        foreach (Operation op in report.History)
        {
            if (!op.IsRead || !op.Acknowledged || op.Rows.Count == 0) continue;
            // Perf only: a read's shape depends on its text alone, and a row version judged still
            // there stays judged so (the same Value[] comes back in every read of the newest rows).
            if (!shapes.TryGetValue(op.Sql[^1], out ReadShape? shape)) shapes[op.Sql[^1]] = shape = ReadShape.Of(op.Sql[^1], schemas);
            if (shape is null || !shape.RowsAreIdentified || !source.Tables!.TryGetValue(shape.Table, out var finalRows)) continue;
            // Perf only: the very result judged just before (a server answers an unchanged table's
            // read with the same list) can add nothing: its rows are still there or already reported.
            if (ReferenceEquals(judged.Rows, op.Rows) && ReferenceEquals(judged.Shape, shape)) continue;
            // Perf only: a read of the newest rows mostly returns the previous read's row arrays
            // shifted by the rows inserted in between. Every row of a judged result was decided for
            // good (still there, replaced, set aside or reported), so the run of rows the two share
            // is passed over by reference, without a lookup per row.
            ReadOnlySpan<Value[]> previous = ReferenceEquals(judged.Shape, shape) && judged.Rows is { } p ? ResultRows.Span(p) : default;
            judged = (op.Rows, shape);
            if (!finals.TryGetValue(shape.Table, out Dictionary<long, Value[]>? final)) finals[shape.Table] = final = finalRows.ToDictionary(r => r[0].Integer);
            if (!stillThere.TryGetValue(shape, out RowsByKey? judgedRows)) stillThere[shape] = judgedRows = new();
            ReadOnlySpan<Value[]> rows = ResultRows.Span(op.Rows);
            int shift = ResultRows.ShiftFrom(rows, previous);
            for (int i = 0; i < rows.Length; i++)
            {
                Value[] row = rows[i];
                if (ResultRows.Shared(rows, previous, shift, i)) continue;
                if (shape.KeyOf(row) is not { } key) continue;
                if (judgedRows.TryGetValue(key, out Value[]? judgedRow) && ReferenceEquals(judgedRow, row)) continue;
                if (unknown.MayHaveChanged(shape.Table, key)) continue;
                bool same = final.TryGetValue(key, out Value[]? now) && shape.Shows(row, now);
                bool replaced = superseded.TryGetValue((shape.Table, key), out List<Value[]>? versions) && ShowsAny(shape, row, versions);
                if (same || replaced) judgedRows.Set(key, row);
                if (same || replaced || !reported.Add((shape.Table, key))) continue;
                string fate = now is null ? "does not have it" : $"has ({FinalState.Text(shape.Project(now))}) instead, which no write made from it";
                violations.Add(new Violation(Name, op.Completed ?? op.Invoked,
                    $"{op.Client} read {shape.Table} row ({FinalState.Text(row)}) from {op.Server} at {op.Completed}; after failover {source.Name} {fate}",
                    [op.Id], [op.Server, source.Name]));
            }
        }
        return CheckResult.Of(Name, violations);
    }

    // A loop, not versions.Any(lambda): the lambda's closure over the row was allocated for every row read.
    private static bool ShowsAny(ReadShape shape, Value[] row, List<Value[]> versions)
    {
        foreach (Value[] v in versions)
            if (shape.Shows(row, v)) return true;
        return false;
    }
}
