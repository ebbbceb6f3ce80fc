using System.Globalization;
using DetSim.Core.Random;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Sql;

/// <summary>
/// Evaluates expressions for one statement. Values are long, double, string or null; only IEEE
/// basic operations and Math.Floor/Round/Abs are used, so results are the same on every machine.
/// Records what statement-based logging must carry: the RAND() seeds, LAST_INSERT_ID() reads and
/// user variables read.
/// </summary>
internal sealed class Evaluator
{
    // Truth values as boxes made once: a WHERE clause is evaluated for every row it scans.
    private static readonly object One = 1L, Zero = 0L;
    private ISessionContext session = null!;
    private Flavor flavor;
    private TemplateValues values;
    private MySqlRand? _rand;
    private List<(string, Value)>? _varsRead; // most statements read no user variable

    /// <summary>Makes this evaluator a new one for the next statement (an executor keeps one: a statement allocates none).</summary>
    public void Start(ISessionContext session, Flavor flavor, TemplateValues values)
    {
        (this.session, this.flavor, this.values) = (session, flavor, values);
        (_rand, _varsRead, RandSeeds, LastInsertIdRead, RowCount, FoundRows) = (null, null, null, null, 0, 0);
    }

    public (ulong Seed1, ulong Seed2)? RandSeeds { get; private set; }
    public long? LastInsertIdRead { get; private set; }
    public IReadOnlyList<(string Name, Value Value)> VariablesRead => _varsRead ?? (IReadOnlyList<(string, Value)>)[];
    public long RowCount { get; set; }
    public long FoundRows { get; set; }

    // No lambda in here or in what it calls for every row: a lambda capturing a parameter made
    // every call allocate its closure on entry, whichever case ran (56 B per evaluated node).
    public object? Eval(Expr e, TableSchema? schema, Value[]? row, Value[]? insertedValues = null)
    {
        switch (e)
        {
            case LiteralExpr l: return l.Value;
            case ParamExpr p: return values[p.Placeholder];
            case ColumnExpr c:
            {
                int i = schema?.IndexOf(c.Name) ?? -1;
                if (i < 0 || row is null) throw SqlError.UnknownColumn(c.Name);
                return FromValue(row[i]);
            }
            case UserVarExpr u:
            {
                Value v = session.UserVariables.TryGetValue(u.Name, out Value val) ? val : Value.Null;
                _varsRead ??= new();
                if (!ReadBefore(u.Name)) _varsRead.Add((u.Name, v));
                return FromValue(v);
            }
            case SystemVarExpr s: return SystemVariable(s.Name);
            case UnaryExpr { Op: "NOT" } n: return Truth(Eval(n.Operand, schema, row, insertedValues)) is { } t ? Bool(!t) : null;
            case UnaryExpr u2: return Negate(Eval(u2.Operand, schema, row, insertedValues));
            case BinaryExpr b: return Binary(b, schema, row, insertedValues);
            case InExpr inx when TryIntegerList(inx, schema, row, out bool? inList):
                return inList is { } hit ? Bool(hit != inx.Negated) : null;
            case InExpr inx:
            {
                object? v = Eval(inx.Value, schema, row, insertedValues);
                if (v is null) return null;
                bool found = false;
                for (int i = 0; i < inx.List.Count && !found; i++) found = Compare(v, Eval(inx.List[i], schema, row, insertedValues)) == 0;
                return Bool(found != inx.Negated);
            }
            case BetweenExpr bt:
            {
                object? v = Eval(bt.Value, schema, row, insertedValues);
                object? lo = Eval(bt.Low, schema, row, insertedValues), hi = Eval(bt.High, schema, row, insertedValues);
                if (v is null || lo is null || hi is null) return null;
                bool inside = Compare(v, lo) >= 0 && Compare(v, hi) <= 0;
                return Bool(inside != bt.Negated);
            }
            case IsNullExpr isn when TryStored(isn.Value, schema, row, out Value stored):
                return Bool(stored.IsNull != isn.Negated); // a column is NULL exactly when its value reads as null
            case IsNullExpr isn: return Bool((Eval(isn.Value, schema, row, insertedValues) is null) != isn.Negated);
            case FuncExpr f: return Function(f, schema, row, insertedValues);
            default: throw SqlError.Parse(e.ToString() ?? "");
        }
    }

    private bool ReadBefore(string name)
    {
        foreach ((string read, Value _) in _varsRead!)
            if (string.Equals(read, name, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    public bool Matches(Expr? where, TableSchema schema, Value[] row) => where is null || Truth(Eval(where, schema, row)) == true;

    private object? Binary(BinaryExpr b, TableSchema? schema, Value[]? row, Value[]? ins)
    {
        if (b.Op == "AND")
        {
            bool? l = Truth(Eval(b.Left, schema, row, ins));
            if (l == false) return Zero;
            bool? r = Truth(Eval(b.Right, schema, row, ins));
            return l is null || r is null ? (r == false ? Zero : null) : Bool(r.Value);
        }
        if (b.Op == "OR")
        {
            bool? l = Truth(Eval(b.Left, schema, row, ins));
            if (l == true) return One;
            bool? r = Truth(Eval(b.Right, schema, row, ins));
            return l is null || r is null ? (r == true ? One : null) : Bool(r.Value);
        }
        // An integer column against an integer literal or placeholder, the common WHERE: compared
        // as longs, as Compare compares two longs, without boxing either side.
        if (IsComparison(b.Op) && TryInteger(b.Left, schema, row, out long li, out bool lNull) && TryInteger(b.Right, schema, row, out long ri, out bool rNull))
            return lNull || rNull ? null : Comparison(b.Op, li.CompareTo(ri));
        object? x = Eval(b.Left, schema, row, ins), y = Eval(b.Right, schema, row, ins);
        if (x is null || y is null) return null;
        if (IsComparison(b.Op)) return Comparison(b.Op, Compare(x, y));
        if (x is long a && y is long c)
        {
            return b.Op switch
            {
                "+" => a + c,
                "-" => a - c,
                "*" => a * c,
                "/" => c == 0 ? null : (double)a / c,
                "DIV" => c == 0 ? null : a / c,
                "MOD" => c == 0 ? null : a % c,
                _ => throw SqlError.Parse(b.Op),
            };
        }
        double p = ToDouble(x), q = ToDouble(y);
        return b.Op switch
        {
            "+" => p + q,
            "-" => p - q,
            "*" => p * q,
            "/" => q == 0 ? null : p / q,
            "DIV" => q == 0 ? null : (long)Math.Truncate(p / q),
            "MOD" => q == 0 ? null : p % q,
            _ => throw SqlError.Parse(b.Op),
        };
    }

    private static bool IsComparison(string op) => op is "=" or "<>" or "<" or ">" or "<=" or ">=";

    private static object Comparison(string op, int c) => Bool(op switch
    {
        "=" => c == 0,
        "<>" => c != 0,
        "<" => c < 0,
        ">" => c > 0,
        "<=" => c <= 0,
        _ => c >= 0,
    });

    private static object Bool(bool b) => b ? One : Zero;

    /// <summary>
    /// The value of an integer literal, placeholder or integer column, unboxed; false for anything
    /// else (text, an unknown column, an expression), which <see cref="Eval"/> then handles.
    /// </summary>
    private bool TryInteger(Expr e, TableSchema? schema, Value[]? row, out long value, out bool isNull)
    {
        (value, isNull) = (0, false);
        switch (e)
        {
            case LiteralExpr { Value: long l }:
                value = l;
                return true;
            case LiteralExpr { Value: null }:
                isNull = true;
                return true;
            case ParamExpr p:
                value = values[p.Placeholder];
                return true;
            case ColumnExpr when TryStored(e, schema, row, out Value stored) && !stored.IsText:
                (value, isNull) = (stored.Integer, stored.IsNull);
                return true;
            case UnaryExpr { Op: "-" } u when TryInteger(u.Operand, schema, row, out long operand, out isNull):
                value = -operand; // Negate of a long
                return true;
            default:
                return false;
        }
    }

    /// <summary>The stored value <paramref name="e"/> names when it is a known column of <paramref name="row"/>; what Eval reads, without its box.</summary>
    public static bool TryStored(Expr e, TableSchema? schema, Value[]? row, out Value value)
    {
        value = default;
        if (e is not ColumnExpr c || row is null || schema?.IndexOf(c.Name) is not int at || at < 0) return false;
        value = row[at];
        return true;
    }

    /// <summary>
    /// <c>x IN (a, b, ...)</c> of integers without NULLs, on longs: found is whether any equals x,
    /// null when x is NULL. False (and the general loop runs) for anything else.
    /// </summary>
    private bool TryIntegerList(InExpr inx, TableSchema? schema, Value[]? row, out bool? found)
    {
        found = null;
        if (!TryInteger(inx.Value, schema, row, out long x, out bool xNull)) return false;
        bool any = false;
        for (int i = 0; i < inx.List.Count; i++)
        {
            if (!TryInteger(inx.List[i], schema, row, out long item, out bool itemNull) || itemNull) return false;
            any |= item == x;
        }
        if (!xNull) found = any;
        return true;
    }

    private object? Function(FuncExpr f, TableSchema? schema, Value[]? row, Value[]? ins)
    {
        object? Arg(int i) => Eval(f.Args[i], schema, row, ins);
        switch (f.Name)
        {
            case "NOW" or "CURRENT_TIMESTAMP" or "LOCALTIME" or "LOCALTIMESTAMP" or "UTC_TIMESTAMP": return session.StatementTime.Micros;
            case "CURDATE" or "CURRENT_DATE": return session.StatementTime.Micros / 86_400_000_000 * 86_400_000_000;
            case "UNIX_TIMESTAMP": return f.Args.Count == 0 ? session.StatementTime.Micros / 1_000_000 : ToLong(Arg(0)) / 1_000_000;
            case "SYSDATE": return session.SysdateTime.Micros;
            case "RAND": return Rand().Next();
            case "UUID": return Uuid();
            case "UUID_SHORT": return (long)(session.Random.NextUInt64() >> 8);
            case "USER" or "SESSION_USER" or "SYSTEM_USER" or "CURRENT_USER": return session.User;
            case "CONNECTION_ID": return session.ConnectionId;
            case "LAST_INSERT_ID":
                if (f.Args.Count == 1) { session.LastInsertId = ToLong(Arg(0)); return session.LastInsertId; }
                LastInsertIdRead = session.LastInsertId;
                return session.LastInsertId;
            case "FOUND_ROWS": return FoundRows;
            case "ROW_COUNT": return RowCount;
            case "VERSION": return flavor == Flavor.MySql80 ? "8.0.36" : "10.11.6-MariaDB";
            case "FLOOR": return Arg(0) is { } fl ? (long)Math.Floor(ToDouble(fl)) : null;
            case "ABS": return Arg(0) switch { long l => Math.Abs(l), null => null, var o => Math.Abs(ToDouble(o)) };
            case "CONCAT":
            {
                // Every argument is evaluated, then any NULL makes the result NULL.
                var text = new System.Text.StringBuilder();
                bool anyNull = false;
                for (int i = 0; i < f.Args.Count; i++)
                {
                    if (Arg(i) is { } part) text.Append(Text(part));
                    else anyNull = true;
                }
                return anyNull ? null : text.ToString();
            }
            case "COALESCE" or "IFNULL":
                for (int i = 0; i < f.Args.Count; i++)
                    if (Arg(i) is { } v) return v;
                return null;
            case "IF": return Truth(Arg(0)) == true ? Arg(1) : Arg(2);
            case "MOD": return Binary(new BinaryExpr("MOD", f.Args[0], f.Args[1]), schema, row, ins);
            case "VALUES":
                // INSERT ... ON DUPLICATE KEY UPDATE col = VALUES(col): the value the insert tried.
                if (ins is null || f.Args.Count != 1 || f.Args[0] is not ColumnExpr vc) throw SqlError.Parse("VALUES");
                int idx = schema?.IndexOf(vc.Name) ?? -1;
                if (idx < 0) throw SqlError.UnknownColumn(vc.Name);
                return FromValue(ins[idx]);
            case "SLEEP": return 0L;
            case "GET_LOCK" or "RELEASE_LOCK" or "IS_FREE_LOCK": return 1L;
            case "LOAD_FILE": return null;
            default: throw new SqlError(1305, "42000", $"FUNCTION test.{f.Name.ToLowerInvariant()} does not exist");
        }
    }

    private MySqlRand Rand()
    {
        if (_rand is null)
        {
            // A replica starts from the seeds the Rand event carries; the source draws them (item_func.cc seeds from thd->rand).
            (ulong s1, ulong s2) = session.RandSeedOverride ?? (session.Random.NextUInt64(MySqlRand.MaxValue), session.Random.NextUInt64(MySqlRand.MaxValue));
            RandSeeds = (s1, s2);
            _rand = new MySqlRand(s1, s2);
        }
        return _rand;
    }

    private string Uuid()
    {
        ulong a = session.Random.NextUInt64(), b = session.Random.NextUInt64();
        string h = $"{a:x16}{b:x16}";
        return $"{h[..8]}-{h[8..12]}-1{h[13..16]}-{h[16..20]}-{h[20..32]}";
    }

    private object? SystemVariable(string name) => name switch
    {
        "auto_increment_increment" => (long)session.AutoIncrementIncrement,
        "auto_increment_offset" => (long)session.AutoIncrementOffset,
        "server_uuid" => session.ServerUuid,
        "hostname" => session.ServerUuid[..8],
        "version" => flavor == Flavor.MySql80 ? "8.0.36" : "10.11.6-MariaDB",
        "server_id" => (long)(StableHash.Of(session.ServerUuid) % 1000),
        "timestamp" => session.StatementTime.Micros / 1_000_000,
        _ => null,
    };

    // ---- conversions ---------------------------------------------------------------------------

    public static object? FromValue(Value v) => v.IsNull ? null : v.IsText ? v.Text : v.Integer;

    public static Value ToValue(object? o, Column column)
    {
        if (o is null)
        {
            if (!column.Nullable) throw new SqlError(1048, "23000", $"Column '{column.Name}' cannot be null");
            return Value.Null;
        }
        if (column.Type == ColumnType.Varchar)
        {
            string s = Text(o);
            return Value.Of(s.Length > column.MaxLength ? s[..column.MaxLength] : s);
        }
        return Value.Of(ToLong(o));
    }

    /// <summary>Storing a fractional value into an integer column rounds half away from zero, as MySQL does.</summary>
    public static long ToLong(object? o) => o switch
    {
        null => 0,
        long l => l,
        double d => (long)Math.Round(d, MidpointRounding.AwayFromZero),
        string s => long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v
            : double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double dv) ? (long)Math.Round(dv, MidpointRounding.AwayFromZero) : 0,
        _ => 0,
    };

    private static double ToDouble(object? o) => o switch
    {
        long l => l,
        double d => d,
        string s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : 0,
        _ => 0,
    };

    private static string Text(object? o) => o switch
    {
        string s => s,
        long l => l.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        _ => "",
    };

    public static bool? Truth(object? o) => o switch
    {
        null => null,
        long l => l != 0,
        double d => d != 0,
        string s => ToDouble(s) != 0,
        _ => false,
    };

    private static object? Negate(object? o) => o switch
    {
        null => null,
        long l => -l,
        var x => -ToDouble(x),
    };

    public static int Compare(object? x, object? y)
    {
        if (x is string a && y is string b) return string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
        if (x is long l && y is long m) return l.CompareTo(m);
        return ToDouble(x).CompareTo(ToDouble(y));
    }
}
