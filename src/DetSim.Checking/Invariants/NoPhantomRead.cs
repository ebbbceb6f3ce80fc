using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Invariants;

/// <summary>
/// A row version some client read is still on the source at the end, unless a write that may have
/// committed replaced or deleted exactly that version. This is the AFTER_COMMIT phantom read after
/// failover (Bug #83158; MYSQL-FACTS §4.4): a reader saw a row that the promoted replica never got,
/// even if the new source later reuses its id for another row. Judges reads whose result rows start
/// with the primary key (SELECT * or SELECT id, ...).
/// </summary>
public sealed class NoPhantomRead : IInvariant
{
    public string Name => "no_phantom_read";
    public string Promise => "a row any client read is still on the source at the end unless a write replaced it";

    public IReadOnlyList<Violation> Check(RunReport report)
    {
        var violations = new List<Violation>();
        ServerSnapshot? source = report.FinalSource is null ? null : report.Server(report.FinalSource);
        if (source?.Tables is null) return violations;
        // Versions a possibly-committed write replaced; tables an unknown UPDATE/DELETE may have touched.
        var superseded = new Dictionary<(string, long), List<Value[]>>();
        var murky = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Operation op in report.History)
        {
            if (op.IsRead || op.Outcome == OpOutcome.Failed) continue;
            foreach (RowChange c in op.Changes)
                if (c.Before is not null)
                {
                    if (!superseded.TryGetValue((c.Table, c.Key), out List<Value[]>? versions)) superseded[(c.Table, c.Key)] = versions = new();
                    versions.Add(c.Before);
                }
            if (op.Outcome == OpOutcome.Unknown && op.Sql.Any(s => !s.TrimStart().StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)))
                murky.Add(SqlText.Table(op.Sql[0]) ?? "");
        }
        var reported = new HashSet<(string, long)>();
        var finals = new Dictionary<string, Dictionary<long, Value[]>>(StringComparer.OrdinalIgnoreCase);
        foreach (Operation op in report.History)
        {
            if (!op.IsRead || !op.Acknowledged || op.Rows.Count == 0 || !SelectsKeyFirst(op.Sql[^1])) continue;
            string? table = SqlText.Table(op.Sql[^1]);
            if (table is null || murky.Contains(table) || !source.Tables.TryGetValue(table, out var finalRows)) continue;
            if (!finals.TryGetValue(table, out Dictionary<long, Value[]>? final)) finals[table] = final = finalRows.ToDictionary(r => r[0].Integer);
            foreach (Value[] row in op.Rows)
            {
                if (row.Length == 0 || row[0].IsNull || row[0].IsText) continue;
                long key = row[0].Integer;
                bool same = final.TryGetValue(key, out Value[]? now) && now.AsSpan().SequenceEqual(row);
                bool replaced = superseded.TryGetValue((table, key), out List<Value[]>? versions) && versions.Any(v => v.AsSpan().SequenceEqual(row));
                if (same || replaced || !reported.Add((table, key))) continue;
                string seen = Text(row);
                string fate = now is null ? "does not have it" : $"has ({Text(now)}) instead, which no write made from it";
                violations.Add(new Violation(Name, op.Completed ?? op.Invoked,
                    $"{op.Client} read {table} row ({seen}) from {op.Server} at {op.Completed}; after failover {source.Name} {fate}",
                    [op.Id], [op.Server, source.Name]));
            }
        }
        return violations;
    }

    private static string Text(Value[] row) => string.Join(",", row);

    private static bool SelectsKeyFirst(string sql)
    {
        string[] words = sql.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        return words.Length > 1 && (words[1] == "*" || words[1].Equals("id", StringComparison.OrdinalIgnoreCase));
    }
}
