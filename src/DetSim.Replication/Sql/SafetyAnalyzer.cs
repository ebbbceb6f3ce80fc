using DetSim.Replication.Storage;

namespace DetSim.Replication.Sql;

/// <summary>The verdict for statement-based logging: the reasons a statement is unsafe (empty when safe).</summary>
public sealed record SafetyVerdict(IReadOnlyList<UnsafeReason> Reasons, Flavor Flavor)
{
    private IReadOnlyList<string>? _warnings;

    public bool IsUnsafe => Reasons.Count > 0;

    /// <summary>MIXED logs rows for every unsafe statement (RM80 binary-log-mixed.html); the functions MIXED switches for are all unsafe too.</summary>
    public bool RequiresRowUnderMixed => IsUnsafe;

    /// <summary>
    /// ER_BINLOG_UNSAFE_STATEMENT (1592), one per reason in <see cref="UnsafeReason.Rank"/> order. A Note
    /// in both servers: THD::issue_unsafe_warnings pushes Sql_condition::SL_NOTE (sql/sql_class.cc), as
    /// mysql-test/suite/binlog/r/binlog_unsafe.result shows ("Note 1592 ...", two lines for
    /// REPLACE ... SELECT ... LIMIT); MariaDB 10.11 likewise (its binlog_unsafe.result, SHOW WARNINGS).
    /// </summary>
    public IReadOnlyList<string> Warnings => _warnings ??= [.. Reasons.Select(r => $"Note 1592 Unsafe statement written to the binary log using statement format since BINLOG_FORMAT = STATEMENT. {r.In(Flavor).Text}")];
}

/// <summary>
/// MySQL 8.0's rules for statements that are unsafe to log as statements (RM80
/// replication-rbr-safe-unsafe.html, replication-features-functions.html,
/// replication-features-limit.html; MYSQL-FACTS §2.2–2.5), with MariaDB 10.11's differences.
/// </summary>
public static class SafetyAnalyzer
{
    /// <summary>System functions that may return a different value on the replica (§2.2.1), plus VERSION (§2.5).</summary>
    private static readonly HashSet<string> UnsafeFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "FOUND_ROWS", "GET_LOCK", "IS_FREE_LOCK", "IS_USED_LOCK", "LOAD_FILE", "MASTER_POS_WAIT", "RAND", "RELEASE_LOCK",
        "ROW_COUNT", "SESSION_USER", "SLEEP", "SOURCE_POS_WAIT", "SYSDATE", "SYSTEM_USER", "USER", "UUID", "UUID_SHORT",
        "CURRENT_USER", "VERSION",
        // Item_func_random_bytes and Item_func_aes_encrypt/decrypt mark the statement unsafe (sql/item_strfunc.cc:
        // block_encryption_mode may differ on the replica); binlog_unsafe.result gives Note 1592 for each.
        "RANDOM_BYTES", "AES_ENCRYPT", "AES_DECRYPT",
    };

    /// <summary>
    /// Built-in functions. Any other name called as a function is a loadable function (a UDF made
    /// with CREATE FUNCTION ... SONAME): the model has no stored functions, and Item_udf_func marks
    /// the statement BINLOG_STMT_UNSAFE_UDF (1672; binlog_unsafe.result "unsafeness of UDF's").
    /// </summary>
    private static readonly HashSet<string> NativeFunctions = new(StringComparer.OrdinalIgnoreCase)
    {
        "ABS", "AVG", "CEIL", "CEILING", "COALESCE", "CONCAT", "CONCAT_WS", "CONNECTION_ID", "COUNT", "CURDATE", "CURRENT_DATE",
        "CURRENT_TIME", "CURRENT_TIMESTAMP", "CURTIME", "DATE", "DATE_ADD", "DATE_SUB", "FLOOR", "GREATEST", "HEX", "IF", "IFNULL",
        "LAST_INSERT_ID", "LEAST", "LENGTH", "LOCALTIME", "LOCALTIMESTAMP", "LOWER", "MAX", "MD5", "MIN", "MOD", "NOW", "NULLIF",
        "ROUND", "SHA1", "SHA2", "SUBSTRING", "SUM", "UNHEX", "UNIX_TIMESTAMP", "UPPER", "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "VALUES",
    };

    /// <summary>Functions MariaDB adds to the list (§2.7).</summary>
    private static readonly HashSet<string> MariaDbExtra = new(StringComparer.OrdinalIgnoreCase) { "CURRENT_ROLE", "RELEASE_ALL_LOCKS" };

    /// <summary>
    /// Functions MariaDB does not call unsafe: RAND() is replayed from the seeds its RAND event
    /// carries, so 10.11 gives no 1592 and MIXED logs it as a statement (Intvar, RAND, Query),
    /// pinned by the conformance test FormatDecisionTests against a real 10.11.19. AES_ENCRYPT and
    /// AES_DECRYPT: 10.11 has no block_encryption_mode, so they are deterministic (no 1592 there,
    /// UnsafeDecisionTests in the conformance suite).
    /// </summary>
    private static readonly HashSet<string> MariaDbSafe = new(StringComparer.OrdinalIgnoreCase) { "RAND", "AES_ENCRYPT", "AES_DECRYPT" };

    /// <summary>Session variables whose reference does not make a statement unsafe (§2.5).</summary>
    private static readonly HashSet<string> ExemptVariables = new(StringComparer.OrdinalIgnoreCase)
    {
        "auto_increment_increment", "auto_increment_offset", "foreign_key_checks", "identity", "last_insert_id", "lc_time_names",
        "pseudo_thread_id", "sql_auto_is_null", "time_zone", "timestamp", "unique_checks",
    };

    public static SafetyVerdict Analyze(Statement statement, Func<string, TableSchema?> schemas, Flavor flavor)
    {
        var reasons = new List<UnsafeReason>();
        void Add(UnsafeReason r)
        {
            if (!reasons.Contains(r)) reasons.Add(r);
        }

        foreach (Expr e in Expressions(statement)) Visit(e, flavor, Add);
        switch (statement)
        {
            case UpdateStatement u:
                if (u.Limit is { } ul && LimitUnsafe(ul, flavor)) Add(UnsafeReason.Limit);
                if (u.Ignore) Add(UnsafeReason.UpdateIgnore);
                break;
            case DeleteStatement d:
                if (d.Limit is { } dl && LimitUnsafe(dl, flavor)) Add(UnsafeReason.Limit);
                break;
            case InsertStatement i:
                TableSchema? target = schemas(i.Table);
                if (i.Select is { } sel)
                {
                    if (sel.Limit is { } sl && LimitUnsafe(sl, flavor)) Add(UnsafeReason.Limit);
                    if (i.Ignore) Add(UnsafeReason.InsertIgnoreSelect);
                    if (i.OnDuplicate is not null) Add(UnsafeReason.InsertSelectUpdate);
                    if (i.Replace) Add(UnsafeReason.ReplaceSelect);
                    if (target?.HasAutoIncrement == true) Add(UnsafeReason.WriteAutoincSelect);
                }
                // Both flavours flag it: MariaDB 10.11 gives 1592 with ER_BINLOG_UNSAFE_INSERT_TWO_KEYS and
                // MIXED logs rows (sql_insert.cc; pinned by FormatDecisionTests against a real 10.11).
                if (i.OnDuplicate is not null && target is { UniqueKeys.Count: > 0 }) Add(UnsafeReason.InsertTwoKeys);
                break;
        }
        reasons.Sort((a, b) => a.Rank.CompareTo(b.Rank));
        return new SafetyVerdict(reasons, flavor);
    }

    private static bool LimitUnsafe(long limit, Flavor flavor) => !(flavor == Flavor.MariaDb1011 && limit == 0); // MDEV-6170: LIMIT 0 is safe

    private static void Visit(Expr e, Flavor flavor, Action<UnsafeReason> add)
    {
        switch (e)
        {
            case FuncExpr f:
                bool unsafeHere = flavor == Flavor.MySql80 ? UnsafeFunctions.Contains(f.Name)
                    : (UnsafeFunctions.Contains(f.Name) || MariaDbExtra.Contains(f.Name)) && !MariaDbSafe.Contains(f.Name);
                if (unsafeHere) add(UnsafeReason.SystemFunction(flavor));
                else if (!NativeFunctions.Contains(f.Name) && !UnsafeFunctions.Contains(f.Name) && !MariaDbExtra.Contains(f.Name)) add(UnsafeReason.Udf);
                foreach (Expr a in f.Args) Visit(a, flavor, add);
                break;
            case SystemVarExpr v when !ExemptVariables.Contains(v.Name) && !v.Name.StartsWith("character_set_", StringComparison.OrdinalIgnoreCase) && !v.Name.StartsWith("collation_", StringComparison.OrdinalIgnoreCase):
                add(UnsafeReason.SystemVariable);
                break;
            case UnaryExpr u: Visit(u.Operand, flavor, add); break;
            case BinaryExpr b: Visit(b.Left, flavor, add); Visit(b.Right, flavor, add); break;
            case InExpr i: Visit(i.Value, flavor, add); foreach (Expr x in i.List) Visit(x, flavor, add); break;
            case BetweenExpr bt: Visit(bt.Value, flavor, add); Visit(bt.Low, flavor, add); Visit(bt.High, flavor, add); break;
            case IsNullExpr n: Visit(n.Value, flavor, add); break;
        }
    }

    /// <summary>Every expression in a statement.</summary>
    public static IEnumerable<Expr> Expressions(Statement s)
    {
        switch (s)
        {
            case SelectStatement sel:
                foreach (Expr e in sel.Items) yield return e;
                if (sel.Where is not null) yield return sel.Where;
                break;
            case InsertStatement ins:
                foreach (var row in ins.Rows ?? []) foreach (Expr e in row) yield return e;
                if (ins.Select is not null) foreach (Expr e in Expressions(ins.Select)) yield return e;
                foreach (Assignment a in ins.OnDuplicate ?? []) yield return a.Value;
                break;
            case UpdateStatement upd:
                foreach (Assignment a in upd.Set) yield return a.Value;
                if (upd.Where is not null) yield return upd.Where;
                break;
            case DeleteStatement del:
                if (del.Where is not null) yield return del.Where;
                break;
            case SetVariableStatement set:
                yield return set.Value;
                break;
        }
    }
}
