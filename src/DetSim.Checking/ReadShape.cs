using DetSim.Replication.Scenarios;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Checking;

/// <summary>
/// What a read returns, parsed with the model's own SQL parser: which table, which stored column
/// each result column is (a projection), whether the primary key is among them (so each result row
/// names one stored row), and whether it is an aggregate (one row about many, never a stored row).
/// WHERE, ORDER BY and LIMIT only choose which stored rows come back, so a projected result row is
/// compared with the same projection of a stored row.
/// </summary>
internal sealed class ReadShape
{
    private readonly int[] _columns;

    private ReadShape(SelectStatement select, TableSchema schema, int[] columns, bool aggregate)
    {
        Select = select;
        Schema = schema;
        _columns = columns;
        Aggregate = aggregate;
        KeyColumn = Array.IndexOf(columns, 0);
    }

    public SelectStatement Select { get; }
    public TableSchema Schema { get; }
    public string Table => Schema.Name;

    /// <summary>COUNT/SUM/MAX/MIN: the result is about a set of rows, not one row.</summary>
    public bool Aggregate { get; }

    /// <summary>The result column holding the primary key, or -1 (the rows cannot be told apart).</summary>
    public int KeyColumn { get; }

    /// <summary>Each result row names one stored row: no aggregate, the key is projected, every column is a stored column.</summary>
    public bool RowsAreIdentified => !Aggregate && KeyColumn >= 0 && Array.IndexOf(_columns, -1) < 0;

    /// <summary>The key of a result row (only when <see cref="RowsAreIdentified"/>); null for a NULL or text key.</summary>
    public long? KeyOf(Value[] resultRow) =>
        KeyColumn < resultRow.Length && !resultRow[KeyColumn].IsNull && !resultRow[KeyColumn].IsText ? resultRow[KeyColumn].Integer : null;

    /// <summary>A stored row as this read would return it.</summary>
    public Value[] Project(Value[] stored)
    {
        var r = new Value[_columns.Length];
        for (int i = 0; i < r.Length; i++) r[i] = _columns[i] < stored.Length ? stored[_columns[i]] : Value.Null;
        return r;
    }

    /// <summary>True when <paramref name="resultRow"/> is what the read returns for <paramref name="stored"/>.</summary>
    public bool Shows(Value[] resultRow, Value[] stored)
    {
        if (resultRow.Length != _columns.Length) return false;
        for (int i = 0; i < _columns.Length; i++)
            if (!resultRow[i].Equals(_columns[i] < stored.Length ? stored[_columns[i]] : Value.Null)) return false;
        return true;
    }

    /// <summary>The shape of a read's last statement, or null when it is no SELECT of a known table.</summary>
    public static ReadShape? Of(string sql, IReadOnlyDictionary<string, TableSchema> schemas)
    {
        SelectStatement? select;
        try
        {
            select = Parser.Parse(sql) as SelectStatement;
        }
        catch (SqlError)
        {
            return null;
        }
        if (select?.Table is null || !schemas.TryGetValue(select.Table, out TableSchema? schema)) return null;
        bool aggregate = select.Items.Any(i => i is FuncExpr { Name: "COUNT" or "SUM" or "MAX" or "MIN" });
        var columns = new List<int>();
        foreach (Expr item in select.Items)
        {
            if (item is StarExpr) columns.AddRange(Enumerable.Range(0, schema.Columns.Count));
            else columns.Add(item is ColumnExpr c ? schema.IndexOf(c.Name) : -1);
        }
        return new ReadShape(select, schema, columns.ToArray(), aggregate);
    }

    /// <summary>The scenario's tables by name (parsed from their CREATE TABLE).</summary>
    public static IReadOnlyDictionary<string, TableSchema> Schemas(RunReport report)
    {
        var schemas = new Dictionary<string, TableSchema>(StringComparer.OrdinalIgnoreCase);
        foreach (TableSetup t in report.Scenario.Tables)
        {
            try
            {
                if (Parser.Parse(t.CreateSql) is CreateTableStatement c) schemas[c.Schema.Name] = c.Schema;
            }
            catch (SqlError)
            {
                // A table the model could not create is no table a read can be judged against.
            }
        }
        return schemas;
    }
}
