using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DetSim.Core.Time;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Cli.Explanation;

/// <summary>
/// Values and times as a DBA reads them: DATETIME as the mysql client prints it
/// ('2026-01-01 00:00:00.000000'), simulated time in milliseconds.
/// </summary>
public static partial class MySqlText
{
    /// <summary>Simulated time as "1499.066 ms".</summary>
    public static string Ms(SimTime t) => Ms(t.Micros);

    public static string Ms(long micros) => (micros / 1000.0).ToString("0.000", CultureInfo.InvariantCulture) + " ms";

    /// <summary>
    /// A DATETIME(6) value. The model stores DATETIME as microseconds since 1970-01-01 00:00:00
    /// (NOW() reads the node's clock), so that is the epoch it prints from.
    /// </summary>
    public static string Datetime(long micros)
    {
        DateTime t = DateTime.UnixEpoch.AddTicks(micros * 10);
        return t.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }

    /// <summary>A value as the mysql client shows it in a row: strings and DATETIMEs quoted.</summary>
    public static string Value(Value v, ColumnType type) =>
        v.IsNull ? "NULL" : type == ColumnType.Datetime && !v.IsText ? $"'{Datetime(v.Integer)}'" : v.ToString();

    public static string Row(IReadOnlyList<Value> row, TableSchema schema) =>
        "(" + string.Join(",", row.Select((v, i) => Value(v, i < schema.Columns.Count ? schema.Columns[i].Type : ColumnType.Int))) + ")";

    /// <summary>The scenario's tables by name.</summary>
    public static IReadOnlyDictionary<string, TableSchema> Schemas(Scenario scenario)
    {
        var map = new SortedDictionary<string, TableSchema>(StringComparer.OrdinalIgnoreCase);
        foreach (TableSetup t in scenario.Tables)
        {
            try
            {
                if (Parser.Parse(t.CreateSql) is CreateTableStatement c) map[c.Schema.Name] = c.Schema;
            }
            catch (FormatException)
            {
                // A CREATE the model does not parse has no types to print by.
            }
        }
        return map;
    }

    /// <summary>
    /// Rewrites the row tuples of a checker's message ("visits row 2 is (2,'a',11151)") so DATETIME
    /// columns read as DATETIMEs. Only tuples after "TABLE row" / "has" of a table with a DATETIME
    /// column and the table's column count change; everything else is left as written.
    /// </summary>
    public static string Values(string message, IReadOnlyDictionary<string, TableSchema> schemas)
    {
        if (schemas.Count == 0 || !schemas.Values.Any(s => s.Columns.Any(c => c.Type == ColumnType.Datetime))) return message;
        TableSchema? current = null;
        var sb = new StringBuilder();
        int i = 0;
        foreach (Match m in TupleOrTable().Matches(message))
        {
            sb.Append(message, i, m.Index - i);
            i = m.Index + m.Length;
            if (m.Groups["table"].Success)
            {
                current = schemas.TryGetValue(m.Groups["table"].Value, out TableSchema? s) ? s : null;
                sb.Append(m.Value);
                continue;
            }
            sb.Append(current is null ? m.Value : Retype(m.Value, current));
        }
        sb.Append(message, i, message.Length - i);
        return sb.ToString();
    }

    private static string Retype(string tuple, TableSchema schema)
    {
        List<string>? fields = SplitTuple(tuple);
        if (fields is null || fields.Count != schema.Columns.Count) return tuple;
        for (int c = 0; c < fields.Count; c++)
            if (schema.Columns[c].Type == ColumnType.Datetime && long.TryParse(fields[c], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long us))
                fields[c] = $"'{Datetime(us)}'";
        return "(" + string.Join(",", fields) + ")";
    }

    /// <summary>Splits "(1,'a,b',3)" into its fields, or null when it is not a well-formed tuple.</summary>
    private static List<string>? SplitTuple(string tuple)
    {
        var fields = new List<string>();
        var cur = new StringBuilder();
        bool quoted = false;
        for (int i = 1; i < tuple.Length - 1; i++)
        {
            char ch = tuple[i];
            if (ch == '\'') quoted = !quoted;
            if (ch == ',' && !quoted)
            {
                fields.Add(cur.ToString());
                cur.Clear();
                continue;
            }
            cur.Append(ch);
        }
        if (quoted) return null;
        fields.Add(cur.ToString());
        return fields;
    }

    [GeneratedRegex(@"(?<table>\b[A-Za-z_][A-Za-z0-9_]*)(?= row\b)|\((?:'[^']*'|[^()'])*\)")]
    private static partial Regex TupleOrTable();
}
