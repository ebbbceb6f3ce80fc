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

    public StatementOutcome Run(string sql, TransactionStore store, ISessionContext session, Flavor flavor)
    {
        Statement statement = Parser.Parse(sql);
        SafetyVerdict verdict = SafetyAnalyzer.Analyze(statement, store.Schema, flavor);
        var eval = new Evaluator(session, flavor);
        StatementOutcome outcome = statement switch
        {
            CreateTableStatement c => new StatementOutcome { Sql = sql, IsDdl = true, CreatedTable = c.Schema },
            TransactionControlStatement => new StatementOutcome { Sql = sql, IsSessionOnly = true },
            SetVariableStatement set => SetVariable(sql, set, session, eval),
            SelectStatement sel => new StatementOutcome { Sql = sql, IsReadOnly = true, Rows = Select(sel, store, eval) },
            InsertStatement ins => Insert(sql, ins, store, session, eval),
            UpdateStatement upd => Update(sql, upd, store, session, eval),
            DeleteStatement del => Delete(sql, del, store, session, eval),
            _ => throw SqlError.Parse(sql),
        };
        return outcome with
        {
            IsUnsafe = verdict.IsUnsafe,
            RequiresRowUnderMixed = verdict.RequiresRowUnderMixed,
            UnsafeWarning = verdict.Warning,
            RandSeeds = eval.RandSeeds,
            LastInsertIdUsed = eval.LastInsertIdRead,
            UserVariablesRead = eval.VariablesRead.ToArray(),
        };
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

    private static IReadOnlyList<Value[]> Select(SelectStatement sel, TransactionStore store, Evaluator eval)
    {
        if (sel.Table is null) return [sel.Items.Select(i => ToResult(eval.Eval(i, null, null))).ToArray()];
        TableSchema schema = store.Schema(sel.Table) ?? throw SqlError.NoSuchTable(sel.Table);
        IEnumerable<Value[]> matching = Candidates(store, schema, sel.Table, sel.Where, sel.Order, eval).Where(r => eval.Matches(sel.Where, schema, r));
        if (!OrderedByKey(schema, sel.Order)) matching = Order(matching, schema, sel.Order);
        if (sel.Limit is { } limit) matching = matching.Take((int)Math.Min(limit, int.MaxValue));
        List<Value[]> rows = matching.ToList();
        eval.FoundRows = rows.Count;
        if (sel.Items.Count == 1 && sel.Items[0] is StarExpr) return rows;
        if (sel.Items.Any(IsAggregate))
            return [sel.Items.Select(i => Aggregate(i, rows, schema, eval)).ToArray()];
        return rows.Select(r => sel.Items.Select(i => i is StarExpr ? Value.Null : ToResult(eval.Eval(i, schema, r))).ToArray()).ToArray();
    }

    private static bool IsAggregate(Expr e) => e is FuncExpr { Name: "COUNT" or "SUM" or "MAX" or "MIN" };

    private static Value Aggregate(Expr e, List<Value[]> rows, TableSchema schema, Evaluator eval)
    {
        if (e is not FuncExpr f) return rows.Count == 0 ? Value.Null : ToResult(eval.Eval(e, schema, rows[0]));
        if (f.Name == "COUNT") return Value.Of(f.Args.Count == 1 && f.Args[0] is StarExpr ? rows.Count : rows.Count(r => eval.Eval(f.Args[0], schema, r) is not null));
        var values = rows.Select(r => eval.Eval(f.Args[0], schema, r)).Where(v => v is not null).Select(Evaluator.ToLong).ToList();
        if (values.Count == 0) return Value.Null;
        return Value.Of(f.Name switch { "SUM" => values.Sum(), "MAX" => values.Max(), _ => values.Min() });
    }

    private static StatementOutcome Insert(string sql, InsertStatement ins, TransactionStore store, ISessionContext session, Evaluator eval)
    {
        TableSchema schema = store.Schema(ins.Table) ?? throw SqlError.NoSuchTable(ins.Table);
        int[] targets = ins.Columns is null
            ? Enumerable.Range(0, schema.Columns.Count).ToArray()
            : ins.Columns.Select(c => schema.IndexOf(c) is var i and >= 0 ? i : throw SqlError.UnknownColumn(c)).ToArray();
        var sourceRows = new List<object?[]>();
        if (ins.Rows is not null)
            foreach (var row in ins.Rows)
            {
                if (row.Count != targets.Length) throw new SqlError(1136, "21S01", "Column count doesn't match value count at row 1");
                sourceRows.Add(row.Select(e => eval.Eval(e, null, null)).ToArray());
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
        foreach (Assignment a in upd.Set)
            if (schema.IndexOf(a.Column) < 0) throw SqlError.UnknownColumn(a.Column);
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
        IEnumerable<Value[]> rows = Candidates(store, schema, table, where, order, eval).Where(r => eval.Matches(where, schema, r)).ToList();
        if (order is not null)
        {
            if (!OrderedByKey(schema, order)) rows = Order(rows, schema, order);
        }
        else if (limit is not null && options.AccessPathVaries && session.Random.NextInt(2) == 1)
        {
            rows = rows.Reverse(); // this server's optimizer picked another access path: LIMIT keeps other rows
        }
        if (limit is { } l) rows = rows.Take((int)Math.Min(l, int.MaxValue));
        return rows.ToList();
    }

    /// <summary>
    /// The access path: a point lookup for <c>pk = constant</c>, else the clustered index in key
    /// order (reverse for ORDER BY pk DESC). The WHERE clause is still applied to what comes back.
    /// </summary>
    private static IEnumerable<Value[]> Candidates(TransactionStore store, TableSchema schema, string table, Expr? where, OrderBy? order, Evaluator eval)
    {
        if (PointKey(schema, where, eval) is { } key)
        {
            Value[]? row = store.Get(table, key);
            return row is null ? [] : [row];
        }
        bool descending = order is not null && order.Descending && OrderedByKey(schema, order);
        return store.Scan(table, descending);
    }

    /// <summary>The key of a <c>pk = constant</c> lookup, or null when the statement scans.</summary>
    private static long? PointKey(TableSchema schema, Expr? where, Evaluator eval) =>
        where is BinaryExpr { Op: "=", Left: ColumnExpr c, Right: var v } && schema.IndexOf(c.Name) == 0 && IsConstant(v)
            ? Evaluator.ToLong(eval.Eval(v, null, null))
            : null;

    private static bool IsConstant(Expr e) => e is LiteralExpr || (e is UnaryExpr { Op: "-", Operand: LiteralExpr });

    private static bool OrderedByKey(TableSchema schema, OrderBy? order) => order is null || schema.IndexOf(order.Column) == 0;

    private static Value[] Assign(Value[] row, IReadOnlyList<Assignment> set, TableSchema schema, Evaluator eval, Value[]? inserted)
    {
        // Single-table UPDATE assigns left to right; later expressions see earlier assignments.
        var updated = (Value[])row.Clone();
        foreach (Assignment a in set)
        {
            int i = schema.IndexOf(a.Column);
            if (i < 0) throw SqlError.UnknownColumn(a.Column);
            updated[i] = Evaluator.ToValue(eval.Eval(a.Value, schema, updated, inserted), schema.Columns[i]);
        }
        return updated;
    }

    private static IEnumerable<Value[]> Order(IEnumerable<Value[]> rows, TableSchema schema, OrderBy? order)
    {
        if (order is null) return rows;
        int i = schema.IndexOf(order.Column);
        if (i < 0) throw SqlError.UnknownColumn(order.Column);
        var sorted = rows.OrderBy(r => Evaluator.FromValue(r[i]), Comparer<object?>.Create(Evaluator.Compare)).ThenBy(r => r[0].Integer);
        return order.Descending ? sorted.Reverse() : sorted;
    }

    private static Value Default(Column c) => c.Nullable ? Value.Null : c.Type == ColumnType.Varchar ? Value.Of("") : Value.Of(0);

    private static Value ToResult(object? o) => o switch
    {
        null => Value.Null,
        string s => Value.Of(s),
        double d => Value.Of(Evaluator.ToLong(d)),
        _ => Value.Of(Evaluator.ToLong(o)),
    };
}
