using DetSim.Core.Random;
using DetSim.Replication.Execution;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Sql;

/// <summary>
/// Runs one statement inside a transaction and reports what the binlog needs for it. UPDATE and
/// DELETE with LIMIT but no ORDER BY take rows in the access path's order: the clustered index
/// (primary key) order, as InnoDB servers with the same data and indexes do. MySQL still calls the
/// statement unsafe (ER_BINLOG_UNSAFE_LIMIT, RM80 replication-features-limit.html) because the
/// optimizer MAY choose another path; <see cref="StatementEngineOptions.AccessPathVaries"/> makes a
/// server do so, drawing the scan direction from its random stream for each such statement.
/// </summary>
public sealed class StatementExecutor(StatementEngineOptions options) : IStatementEngine
{
    public StatementExecutor() : this(StatementEngineOptions.Default) { }

    // Parse results by SQL text: a workload repeats its templates, and an AST is immutable. Bounded
    // so unique texts (INSERT ... VALUES ({n})) cannot grow it without end; per server, so campaign
    // workers on other threads share nothing.
    private const int ParseCacheLimit = 4096;
    private readonly Dictionary<string, Parsed> _parsed = new(StringComparer.Ordinal);

    /// <summary>A parsed statement and its last safety verdict (which depends on the flavor, and for an INSERT on its table's schema).</summary>
    private sealed class Parsed(Statement statement)
    {
        public Statement Statement { get; } = statement;
        public SafetyVerdict? Verdict { get; set; }
        public Flavor Flavor { get; set; }
        public TableSchema? Target { get; set; }

        // The last result of a whole-table read in key order (SELECT * FROM t ORDER BY pk DESC LIMIT n,
        // the readers' loop): it stands while the committed table keeps its version.
        public (Table Table, long Version, IReadOnlyList<Value[]> Rows)? LastRead { get; set; }

        // The outcome of the last read of this statement: the same text and rows get it again (it is immutable).
        public StatementOutcome? LastReadOutcome { get; set; }
    }

    // Templates' parses (see Parser.ParseTemplate), null for one that must be parsed as filled text;
    // bounded as the text cache is.
    private readonly Dictionary<string, Parsed?> _templates = new(StringComparer.Ordinal);
    private Evaluator? _eval;

    public StatementOutcome Run(string sql, TransactionStore store, ISessionContext session, Flavor flavor) =>
        Run(sql, Parse(sql), default, store, session, flavor);

    /// <summary>The statement <paramref name="sql"/>, filled from <paramref name="template"/> with <paramref name="values"/>: the template is parsed once.</summary>
    public StatementOutcome Run(string sql, string? template, TemplateValues values, TransactionStore store, ISessionContext session, Flavor flavor) =>
        template is not null && values.Bindable && ParseTemplate(template) is { } parsed
            ? Run(sql, parsed, values, store, session, flavor)
            : Run(sql, store, session, flavor);

    private StatementOutcome Run(string sql, Parsed parsed, TemplateValues values, TransactionStore store, ISessionContext session, Flavor flavor)
    {
        Statement statement = parsed.Statement;
        SafetyVerdict verdict = Verdict(parsed, store, flavor);
        // One evaluator per executor, started again for each statement; a statement runs no other inside it.
        Evaluator eval = _eval ??= new Evaluator();
        eval.Start(session, flavor, values);
        StatementOutcome outcome = statement switch
        {
            CreateTableStatement c => new StatementOutcome { Sql = sql, IsDdl = true, CreatedTable = c.Schema },
            TransactionControlStatement => new StatementOutcome { Sql = sql, IsSessionOnly = true },
            SetVariableStatement set => SetVariable(sql, set, session, eval),
            SelectStatement sel => ReadOutcome(parsed, sql, SelectRemembered(parsed, sel, store, eval)),
            InsertStatement ins => Insert(sql, ins, store, session, eval),
            UpdateStatement upd => Update(sql, upd, store, session, eval),
            DeleteStatement del => Delete(sql, del, store, session, eval),
            _ => throw SqlError.Parse(sql),
        };
        // A safe statement (no reasons, so no 1592 warning) whose own outcome already says all of it,
        // the common case: no copy.
        if (!verdict.IsUnsafe && !outcome.IsUnsafe && outcome.RequiresRowUnderMixed == verdict.RequiresRowUnderMixed
            && outcome.RandSeeds == eval.RandSeeds
            && outcome.LastInsertIdUsed == eval.LastInsertIdRead && outcome.UserVariablesRead.Count == 0 && eval.VariablesRead.Count == 0)
            return outcome;
        return outcome with
        {
            IsUnsafe = verdict.IsUnsafe,
            RequiresRowUnderMixed = verdict.RequiresRowUnderMixed,
            UnsafeWarnings = verdict.Warnings,
            RandSeeds = eval.RandSeeds,
            LastInsertIdUsed = eval.LastInsertIdRead,
            UserVariablesRead = eval.VariablesRead.Count == 0 ? [] : [.. eval.VariablesRead],
        };
    }

    private Parsed Parse(string sql)
    {
        if (_parsed.TryGetValue(sql, out Parsed? cached)) return cached;
        var parsed = new Parsed(Parser.Parse(sql));
        if (_parsed.Count >= ParseCacheLimit) _parsed.Clear();
        _parsed[sql] = parsed;
        return parsed;
    }

    private Parsed? ParseTemplate(string template)
    {
        if (_templates.TryGetValue(template, out Parsed? known)) return known;
        if (_templates.Count >= ParseCacheLimit) _templates.Clear();
        Parsed? parsed = Parser.ParseTemplate(template) is { } statement ? new Parsed(statement) : null;
        _templates[template] = parsed;
        return parsed;
    }

    private static SafetyVerdict Verdict(Parsed parsed, TransactionStore store, Flavor flavor)
    {
        TableSchema? target = parsed.Statement is InsertStatement i ? store.Schema(i.Table) : null;
        if (parsed.Verdict is { } known && parsed.Flavor == flavor && ReferenceEquals(parsed.Target, target)) return known;
        SafetyVerdict verdict = SafetyAnalyzer.Analyze(parsed.Statement, store.Schema, flavor);
        (parsed.Verdict, parsed.Flavor, parsed.Target) = (verdict, flavor, target);
        return verdict;
    }

    private static StatementOutcome SetVariable(string sql, SetVariableStatement set, ISessionContext session, Evaluator eval)
    {
        object? v = eval.Eval(set.Value, null, null);
        session.UserVariables[set.Name] = v switch
        {
            null => Value.Null,
            string s => Value.Of(s),
            _ => Value.Of(Evaluator.ToLong(v)),
        };
        return new StatementOutcome { Sql = sql, IsSessionOnly = true };
    }

    /// <summary>A read's outcome: the last one again for the same text and the same rows, so a loop of reads of an unchanged table makes none.</summary>
    private static StatementOutcome ReadOutcome(Parsed parsed, string sql, IReadOnlyList<Value[]> rows)
    {
        if (parsed.LastReadOutcome is { } last && ReferenceEquals(last.Rows, rows) && ReferenceEquals(last.Sql, sql)) return last;
        return parsed.LastReadOutcome = new StatementOutcome { Sql = sql, IsReadOnly = true, Rows = rows };
    }

    /// <summary>
    /// <see cref="Select"/>, except that a plain <c>SELECT *</c> without WHERE or FOR UPDATE of a table
    /// this transaction has not written, in key order, returns its last result again while the table
    /// is unchanged: the same rows, the same arrays (which is also what lets replies and checkers
    /// remember what they already digested).
    /// </summary>
    private static IReadOnlyList<Value[]> SelectRemembered(Parsed parsed, SelectStatement sel, TransactionStore store, Evaluator eval)
    {
        bool plain = sel.Table is not null && sel.Where is null && !sel.ForUpdate && sel.Items.Count == 1 && sel.Items[0] is StarExpr
            && store.Schema(sel.Table) is { } schema && OrderedByKey(schema, sel.Order);
        Table? committed = plain ? store.UntouchedTable(sel.Table!) : null;
        if (committed is not null && parsed.LastRead is { } last && ReferenceEquals(last.Table, committed) && last.Version == committed.Version)
        {
            eval.FoundRows = last.Rows.Count;
            return last.Rows;
        }
        IReadOnlyList<Value[]> rows = Select(sel, store, eval);
        if (committed is not null) parsed.LastRead = (committed, committed.Version, rows);
        return rows;
    }

    private static IReadOnlyList<Value[]> Select(SelectStatement sel, TransactionStore store, Evaluator eval)
    {
        if (sel.Table is null) return [Project(sel.Items, null, null, eval)];
        TableSchema schema = store.Schema(sel.Table) ?? throw SqlError.NoSuchTable(sel.Table);
        if (sel.ForUpdate && PointKey(schema, sel.Where, eval) is { } key) store.LockForUpdate(sel.Table, key); // SELECT ... FOR UPDATE locks as UPDATE does
        else if (sel.ForUpdate) store.LockTableScan(sel.Table);
        int limit = sel.Limit is { } l ? (int)Math.Min(l, int.MaxValue) : int.MaxValue;
        bool keyOrder = OrderedByKey(schema, sel.Order);
        // In key order the scan stops at LIMIT; another order sorts every match first (a filesort).
        List<Value[]> rows = Matching(store, schema, sel.Table, sel.Where, sel.Order, eval, keyOrder ? limit : int.MaxValue);
        if (!keyOrder)
        {
            Order(rows, schema, sel.Order);
            if (rows.Count > limit) rows.RemoveRange(limit, rows.Count - limit);
        }
        eval.FoundRows = rows.Count;
        if (sel.Items.Count == 1 && sel.Items[0] is StarExpr) return rows;
        bool aggregate = false;
        foreach (Expr item in sel.Items) aggregate |= IsAggregate(item);
        if (aggregate)
        {
            var result = new Value[sel.Items.Count];
            for (int i = 0; i < result.Length; i++) result[i] = Aggregate(sel.Items[i], rows, schema, eval);
            return [result];
        }
        var projected = new Value[rows.Count][];
        for (int r = 0; r < projected.Length; r++) projected[r] = Project(sel.Items, schema, rows[r], eval);
        return projected;
    }

    /// <summary>One result row: each item evaluated (a bare * among other items reads as NULL).</summary>
    private static Value[] Project(IReadOnlyList<Expr> items, TableSchema? schema, Value[]? row, Evaluator eval)
    {
        var result = new Value[items.Count];
        for (int i = 0; i < result.Length; i++)
            result[i] = items[i] is StarExpr && row is not null ? Value.Null
                // A stored column is its own result (what Eval's box converts back to), without the box.
                : Evaluator.TryStored(items[i], schema, row, out Value stored) ? stored
                : ToResult(eval.Eval(items[i], schema, row));
        return result;
    }

    /// <summary>
    /// Rows the WHERE clause accepts, in access-path order (a point lookup for <c>pk = constant</c>,
    /// else the clustered index, backwards for ORDER BY pk DESC), at most <paramref name="limit"/>.
    /// Committed rows the transaction did not touch are read straight from the index, so the first
    /// or last n rows cost O(n), not O(table).
    /// </summary>
    private static List<Value[]> Matching(TransactionStore store, TableSchema schema, string table, Expr? where, OrderBy? order, Evaluator eval, int limit)
    {
        if (limit == 0) return [];
        if (PointKey(schema, where, eval) is { } key)
        {
            // One row at most: a list of one, not of the scan's 128 (every UPDATE ... WHERE pk = k comes here).
            var one = new List<Value[]>(1);
            if (store.Get(table, key) is { } row && eval.Matches(where, schema, row)) one.Add(row);
            return one;
        }
        var rows = new List<Value[]>(Math.Min(limit, 128));
        bool descending = order is not null && order.Descending && OrderedByKey(schema, order);
        if (store.UntouchedTable(table) is { } committed)
        {
            int n = committed.Count;
            for (int i = 0; i < n && rows.Count < limit; i++)
            {
                Value[] row = committed.RowAt(descending ? n - 1 - i : i);
                if (eval.Matches(where, schema, row)) rows.Add(row);
            }
            return rows;
        }
        foreach (Value[] row in store.Scan(table, descending))
        {
            if (!eval.Matches(where, schema, row)) continue;
            rows.Add(row);
            if (rows.Count >= limit) break;
        }
        return rows;
    }

    private static bool IsAggregate(Expr e) => e is FuncExpr { Name: "COUNT" or "SUM" or "MAX" or "MIN" };

    private static Value Aggregate(Expr e, List<Value[]> rows, TableSchema schema, Evaluator eval)
    {
        if (e is not FuncExpr f) return rows.Count == 0 ? Value.Null : ToResult(eval.Eval(e, schema, rows[0]));
        if (f.Name == "COUNT" && f.Args.Count == 1 && f.Args[0] is StarExpr) return Value.Of(rows.Count);
        long count = 0, sum = 0, max = long.MinValue, min = long.MaxValue;
        foreach (Value[] r in rows)
        {
            object? v = eval.Eval(f.Args[0], schema, r);
            if (v is null) continue;
            count++;
            if (f.Name == "COUNT") continue;
            long x = Evaluator.ToLong(v);
            sum += x;
            max = Math.Max(max, x);
            min = Math.Min(min, x);
        }
        if (f.Name == "COUNT") return Value.Of(count);
        if (count == 0) return Value.Null;
        return Value.Of(f.Name switch { "SUM" => sum, "MAX" => max, _ => min });
    }

    private static StatementOutcome Insert(string sql, InsertStatement ins, TransactionStore store, ISessionContext session, Evaluator eval)
    {
        TableSchema schema = store.Schema(ins.Table) ?? throw SqlError.NoSuchTable(ins.Table);
        // Loops, not LINQ: every client INSERT runs this, and the lambdas' closures were allocated per statement.
        int[] targets = new int[ins.Columns?.Count ?? schema.Columns.Count];
        for (int t = 0; t < targets.Length; t++)
            targets[t] = ins.Columns is null ? t : schema.IndexOf(ins.Columns[t]) is var i and >= 0 ? i : throw SqlError.UnknownColumn(ins.Columns[t]);
        var sourceRows = new List<object?[]>(ins.Rows?.Count ?? 4);
        if (ins.Rows is not null)
            for (int r = 0; r < ins.Rows.Count; r++) // indexed: a foreach over the interface boxed an enumerator per INSERT
            {
                IReadOnlyList<Expr> row = ins.Rows[r];
                if (row.Count != targets.Length) throw new SqlError(1136, "21S01", "Column count doesn't match value count at row 1");
                var values = new object?[row.Count];
                for (int v = 0; v < values.Length; v++) values[v] = eval.Eval(row[v], null, null);
                sourceRows.Add(values);
            }
        else
            foreach (Value[] r in Select(ins.Select!, store, eval))
                sourceRows.Add(r.Select(Evaluator.FromValue).ToArray());

        long? firstGenerated = null;
        long generatedCount = 0;
        int affected = 0;
        foreach (object?[] src in sourceRows)
        {
            var row = new Value[schema.Columns.Count];
            for (int c = 0; c < row.Length; c++) row[c] = Default(schema.Columns[c]);
            for (int k = 0; k < targets.Length; k++) row[targets[k]] = Evaluator.ToValue(src[k] ?? (targets[k] == 0 && schema.HasAutoIncrement ? 0L : null), schema.Columns[targets[k]]);
            if (schema.HasAutoIncrement && (row[0].IsNull || row[0].Integer == 0))
            {
                // INSERT_ID from the binlog (a replica) fixes the first generated value; later rows follow the increment.
                long id = session.InsertIdOverride is { } forced
                    ? forced + generatedCount * Math.Max(1, session.AutoIncrementIncrement)
                    : store.NextAutoIncrement(ins.Table, session.AutoIncrementIncrement, session.AutoIncrementOffset);
                if (session.InsertIdOverride is not null) store.SeeAutoIncrement(ins.Table, id);
                generatedCount++;
                firstGenerated ??= id;
                row[0] = Value.Of(id);
            }
            Value[]? existing = store.Get(ins.Table, row[0].Integer) ?? UniqueConflict(store, schema, ins.Table, row);
            if (existing is not null)
            {
                if (ins.Replace)
                {
                    store.Delete(ins.Table, existing);
                }
                else if (ins.OnDuplicate is not null)
                {
                    Value[] updated = Assign(existing, ins.OnDuplicate, schema, eval, row);
                    if (!updated.SequenceEqual(existing)) { store.Update(ins.Table, existing, updated); affected += 2; }
                    continue;
                }
                else if (ins.Ignore) continue;
                else throw SqlError.DuplicateKey(existing[0].Integer.ToString(System.Globalization.CultureInfo.InvariantCulture), schema.Name);
            }
            store.Insert(ins.Table, row);
            affected++;
        }
        if (firstGenerated is { } first) session.LastInsertId = first;
        eval.RowCount = affected;
        return new StatementOutcome { Sql = sql, FirstInsertId = firstGenerated };
    }

    private static Value[]? UniqueConflict(IRowStore store, TableSchema schema, string table, Value[] row)
    {
        if (schema.UniqueKeys.Count == 0) return null;
        foreach (Value[] other in store.Scan(table))
            foreach (int u in schema.UniqueKeys)
                if (!row[u].IsNull && row[u].Equals(other[u])) return other;
        return null;
    }

    private StatementOutcome Update(string sql, UpdateStatement upd, TransactionStore store, ISessionContext session, Evaluator eval)
    {
        TableSchema schema = store.Schema(upd.Table) ?? throw SqlError.NoSuchTable(upd.Table);
        for (int s = 0; s < upd.Set.Count; s++) // indexed: no boxed enumerator per UPDATE
            if (schema.IndexOf(upd.Set[s].Column) < 0) throw SqlError.UnknownColumn(upd.Set[s].Column);
        int affected = 0;
        foreach (Value[] row in Target(store, schema, upd.Table, upd.Where, upd.Order, upd.Limit, session, eval))
        {
            Value[] updated = Assign(row, upd.Set, schema, eval, null);
            if (updated.SequenceEqual(row)) continue; // matched but unchanged: no row event (MYSQL-FACTS §1.9)
            try
            {
                store.Update(upd.Table, row, updated);
                affected++;
            }
            catch (SqlError e) when (e.Code == 1062 && upd.Ignore) { }
        }
        eval.RowCount = affected;
        return new StatementOutcome { Sql = sql };
    }

    private StatementOutcome Delete(string sql, DeleteStatement del, TransactionStore store, ISessionContext session, Evaluator eval)
    {
        TableSchema schema = store.Schema(del.Table) ?? throw SqlError.NoSuchTable(del.Table);
        int affected = 0;
        foreach (Value[] row in Target(store, schema, del.Table, del.Where, del.Order, del.Limit, session, eval))
        {
            store.Delete(del.Table, row);
            affected++;
        }
        eval.RowCount = affected;
        return new StatementOutcome { Sql = sql };
    }

    private List<Value[]> Target(TransactionStore store, TableSchema schema, string table, Expr? where, OrderBy? order, long? limit, ISessionContext session, Evaluator eval)
    {
        // A locking read: the looked-up key (record or gap lock), or every record and gap for a scan.
        if (PointKey(schema, where, eval) is { } key) store.LockForUpdate(table, key);
        else store.LockTableScan(table);
        // Every candidate is matched before ORDER BY and LIMIT apply.
        List<Value[]> rows = Matching(store, schema, table, where, order, eval, int.MaxValue);
        if (order is not null)
        {
            if (!OrderedByKey(schema, order)) Order(rows, schema, order);
        }
        else if (limit is not null && options.AccessPathVaries && session.Random.NextInt(2) == 1)
        {
            rows.Reverse(); // this server's optimizer picked another access path: LIMIT keeps other rows
        }
        if (limit is { } l && rows.Count > l) rows.RemoveRange((int)l, rows.Count - (int)l);
        return rows;
    }

    /// <summary>The key of a <c>pk = constant</c> lookup, or null when the statement scans.</summary>
    private static long? PointKey(TableSchema schema, Expr? where, Evaluator eval) =>
        where is BinaryExpr { Op: "=", Left: ColumnExpr c, Right: var v } && schema.IndexOf(c.Name) == 0 && IsConstant(v)
            ? Evaluator.ToLong(eval.Eval(v, null, null))
            : null;

    private static bool IsConstant(Expr e) => e is LiteralExpr or ParamExpr || (e is UnaryExpr { Op: "-", Operand: LiteralExpr or ParamExpr });

    private static bool OrderedByKey(TableSchema schema, OrderBy? order) => order is null || schema.IndexOf(order.Column) == 0;

    private static Value[] Assign(Value[] row, IReadOnlyList<Assignment> set, TableSchema schema, Evaluator eval, Value[]? inserted)
    {
        // Single-table UPDATE assigns left to right; later expressions see earlier assignments.
        var updated = (Value[])row.Clone();
        for (int s = 0; s < set.Count; s++) // indexed: no boxed enumerator per row updated
        {
            Assignment a = set[s];
            int i = schema.IndexOf(a.Column);
            if (i < 0) throw SqlError.UnknownColumn(a.Column);
            updated[i] = Evaluator.ToValue(eval.Eval(a.Value, schema, updated, inserted), schema.Columns[i]);
        }
        return updated;
    }

    /// <summary>ORDER BY a non-key column (a filesort): by its value, ties by primary key; DESC reverses both.</summary>
    private static void Order(List<Value[]> rows, TableSchema schema, OrderBy? order)
    {
        if (order is null) return;
        int i = schema.IndexOf(order.Column);
        if (i < 0) throw SqlError.UnknownColumn(order.Column);
        // Keys are unique, so (value, key) is a total order and an unstable sort gives the stable one's result.
        // Two integers compare as Evaluator.Compare compares them, without boxing both for every comparison.
        rows.Sort((a, b) => (IsInteger(a[i]) && IsInteger(b[i]) ? a[i].Integer.CompareTo(b[i].Integer) : Evaluator.Compare(Evaluator.FromValue(a[i]), Evaluator.FromValue(b[i])))
            is var c and not 0 ? c : a[0].Integer.CompareTo(b[0].Integer));
        if (order.Descending) rows.Reverse();
    }

    private static bool IsInteger(Value v) => !v.IsNull && !v.IsText;

    private static Value Default(Column c) => c.Nullable ? Value.Null : c.Type == ColumnType.Varchar ? Value.Of("") : Value.Of(0);

    private static Value ToResult(object? o) => o switch
    {
        null => Value.Null,
        string s => Value.Of(s),
        double d => Value.Of(Evaluator.ToLong(d)),
        _ => Value.Of(Evaluator.ToLong(o)),
    };
}
