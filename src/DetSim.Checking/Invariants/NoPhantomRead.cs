using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Invariants;

/// <summary>
/// A row some client read is still there at the end, unless a write that may have committed
/// deleted it (the AFTER_COMMIT phantom read after failover: Bug #83158; MYSQL-FACTS §4.4).
/// Judges reads whose result rows start with the primary key.
/// </summary>
public sealed class NoPhantomRead : IInvariant
{
    public string Name => "no_phantom_read";
    public string Promise => "a row any client read is still on the source at the end unless a write removed it";

    public IReadOnlyList<Violation> Check(RunReport report)
    {
        var violations = new List<Violation>();
        ServerSnapshot? source = report.FinalSource is null ? null : report.Server(report.FinalSource);
        if (source?.Tables is null) return violations;
        var deleted = new HashSet<(string, long)>();
        var deletesUnknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Operation op in report.History)
        {
            if (op.IsRead || op.Outcome == OpOutcome.Failed) continue;
            foreach (RowChange c in op.Changes)
                if (c.Kind == RowChangeKind.Delete || (c.Kind == RowChangeKind.Update && c.Before![0].Integer != c.After![0].Integer))
                    deleted.Add((c.Table, c.Key));
            if (op.Outcome == OpOutcome.Unknown && op.Sql.Any(s => s.TrimStart().StartsWith("DELETE", StringComparison.OrdinalIgnoreCase)))
                deletesUnknown.Add(SqlText.Table(op.Sql[0]) ?? "");
        }
        var reported = new HashSet<(string, long)>();
        foreach (Operation op in report.History)
        {
            if (!op.IsRead || !op.Acknowledged || op.Rows.Count == 0 || !SelectsKeyFirst(op.Sql[^1])) continue;
            string? table = SqlText.Table(op.Sql[^1]);
            if (table is null || !source.Tables.TryGetValue(table, out var finalRows) || deletesUnknown.Contains(table)) continue;
            var present = finalRows.Select(r => r[0].Integer).ToHashSet();
            foreach (Value[] row in op.Rows)
            {
                if (row.Length == 0 || row[0].IsNull || row[0].IsText) continue;
                long key = row[0].Integer;
                if (present.Contains(key) || deleted.Contains((table, key)) || !reported.Add((table, key))) continue;
                violations.Add(new Violation(Name, op.Completed ?? op.Invoked,
                    $"{op.Client} read {table} row {key} ({string.Join(",", row)}) from {op.Server} at {op.Completed}, but {source.Name} does not have it at the end and nothing deleted it",
                    [op.Id], [op.Server, source.Name]));
            }
        }
        return violations;
    }

    private static bool SelectsKeyFirst(string sql)
    {
        string[] words = sql.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && (words[1] == "*" || words[1].Equals("id", StringComparison.OrdinalIgnoreCase));
    }
}
