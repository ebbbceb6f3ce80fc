using DetSim.Harness.History;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Checking;

/// <summary>
/// The rows a write may have changed. A write that completed carries its exact row changes; one
/// with an unknown outcome (no reply) may or may not have committed, and is bounded by its SQL: an
/// UPDATE or DELETE whose WHERE pins the primary key touches only those keys, an INSERT with an
/// AUTO_INCREMENT key only creates a new row (a duplicate key fails it), anything else may touch
/// any row of its table. The checkers set aside only those rows, not whole tables.
/// </summary>
internal sealed class Footprint
{
    private readonly Dictionary<string, HashSet<long>> _keys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, HashSet<long>> _created = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _anyRow = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when a write with an unknown outcome may have replaced or deleted this row.</summary>
    public bool MayHaveChanged(string table, long key) => _anyRow.Contains(table) || (_keys.TryGetValue(table, out var k) && k.Contains(key));

    /// <summary>True when a write with an unknown outcome may have changed this row or created it (a plain INSERT of that key).</summary>
    public bool MayHaveTouched(string table, long key) => MayHaveChanged(table, key) || (_created.TryGetValue(table, out var k) && k.Contains(key));

    // Perf only: the checkers of one run share its footprint (each made it with a pass over the whole
    // history, whose operations are out of cache by then). Keyed weakly: a run's is gone with its report.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<RunReport, Footprint> s_byReport = new();

    /// <summary>The footprint of every write with an unknown outcome in the run's history (made once per report).</summary>
    public static Footprint Of(RunReport report) => s_byReport.GetValue(report, static r => OfUnknownWrites(r, ReadShape.Schemas(r)));

    /// <summary>The footprint of every write with an unknown outcome in the history.</summary>
    private static Footprint OfUnknownWrites(RunReport report, IReadOnlyDictionary<string, TableSchema> schemas)
    {
        var f = new Footprint();
        foreach (Operation op in report.History)
            if (!op.IsRead && op.Outcome == OpOutcome.Unknown)
                foreach (string sql in op.Sql) f.Add(sql, schemas);
        return f;
    }

    private void Add(string sql, IReadOnlyDictionary<string, TableSchema> schemas)
    {
        Statement statement;
        try
        {
            statement = Parser.Parse(sql);
        }
        catch (SqlError)
        {
            return; // a statement that does not parse fails with 1064 and changes nothing
        }
        switch (statement)
        {
            case InsertStatement ins when schemas.TryGetValue(ins.Table, out TableSchema? schema):
                if (ins.Replace || ins.OnDuplicate is not null || ins.Select is not null || ins.Rows is null) { _anyRow.Add(ins.Table); break; }
                int keyAt = ins.Columns is null ? 0 : ins.Columns.Select(c => schema.IndexOf(c)).ToList().IndexOf(0);
                if (keyAt < 0) break; // AUTO_INCREMENT: a new key, never an existing row
                foreach (IReadOnlyList<Expr> row in ins.Rows)
                {
                    if (keyAt < row.Count && row[keyAt] is LiteralExpr { Value: long key }) Keys(_created, ins.Table).Add(key);
                    else if (keyAt < row.Count && row[keyAt] is LiteralExpr { Value: null }) continue; // NULL key: AUTO_INCREMENT
                    else { _anyRow.Add(ins.Table); break; }
                }
                break;
            case InsertStatement ins:
                _anyRow.Add(ins.Table);
                break;
            case UpdateStatement upd:
                AddWhere(upd.Table, upd.Where, schemas);
                break;
            case DeleteStatement del:
                AddWhere(del.Table, del.Where, schemas);
                break;
        }
    }

    private void AddWhere(string table, Expr? where, IReadOnlyDictionary<string, TableSchema> schemas)
    {
        string? key = schemas.TryGetValue(table, out TableSchema? schema) ? schema.Columns[0].Name : null;
        IReadOnlySet<long>? pinned = key is null ? null : PinnedKeys(where, key);
        if (pinned is null) _anyRow.Add(table);
        else Keys(_keys, table).UnionWith(pinned);
    }

    private static HashSet<long> Keys(Dictionary<string, HashSet<long>> keys, string table)
    {
        if (!keys.TryGetValue(table, out HashSet<long>? set)) keys[table] = set = new HashSet<long>();
        return set;
    }

    /// <summary>The primary keys a WHERE clause limits the rows to, or null when it does not pin them.</summary>
    internal static IReadOnlySet<long>? PinnedKeys(Expr? where, string keyColumn)
    {
        switch (where)
        {
            case BinaryExpr { Op: "=" } eq when IsKey(eq.Left, keyColumn) && eq.Right is LiteralExpr { Value: long k }:
                return new HashSet<long> { k };
            case BinaryExpr { Op: "=" } eq when IsKey(eq.Right, keyColumn) && eq.Left is LiteralExpr { Value: long k }:
                return new HashSet<long> { k };
            case InExpr { Negated: false } @in when IsKey(@in.Value, keyColumn) && @in.List.All(e => e is LiteralExpr { Value: long }):
                return @in.List.Select(e => (long)((LiteralExpr)e).Value!).ToHashSet();
            case BinaryExpr { Op: "AND" } and:
                IReadOnlySet<long>? l = PinnedKeys(and.Left, keyColumn), r = PinnedKeys(and.Right, keyColumn);
                return l is null ? r : r is null ? l : l.Intersect(r).ToHashSet();
            case BinaryExpr { Op: "OR" } or:
                IReadOnlySet<long>? a = PinnedKeys(or.Left, keyColumn), b = PinnedKeys(or.Right, keyColumn);
                return a is null || b is null ? null : a.Union(b).ToHashSet();
            default:
                return null;
        }
    }

    private static bool IsKey(Expr e, string keyColumn) => e is ColumnExpr c && string.Equals(c.Name, keyColumn, StringComparison.OrdinalIgnoreCase);
}
