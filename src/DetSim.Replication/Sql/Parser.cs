using System.Globalization;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Sql;

/// <summary>
/// A recursive-descent parser for the SQL the model runs: CREATE TABLE, SELECT, INSERT
/// (VALUES, SELECT, IGNORE, ON DUPLICATE KEY UPDATE), REPLACE, UPDATE and DELETE (with ORDER BY
/// and LIMIT), SET @var, and transaction control. Errors are MySQL's 1064 with the text near the fault.
/// </summary>
public sealed class Parser
{
    private readonly string _sql;
    private readonly List<Token> _tokens;
    private readonly bool _template;
    private int _pos;

    private Parser(string sql, List<Token>? tokens = null, bool template = false)
    {
        _sql = sql;
        _tokens = tokens ?? Lexer.Tokenize(sql);
        _template = template;
    }

    public static Statement Parse(string sql)
    {
        if (AdminStatement.TryParse(sql) is { } admin) return new AdminCommand(admin); // DBA commands (AdminStatement.cs), run by MySqlServer.ExecuteAdmin
        return new Parser(sql).Whole();
    }

    /// <summary>One statement, an optional ';', and nothing after it.</summary>
    private Statement Whole()
    {
        Statement s = Statement();
        if (Peek.IsSymbol(";")) _pos++;
        if (Peek.Kind != TokenKind.End) throw Error();
        return s;
    }

    /// <summary>
    /// A client's statement template (<c>INSERT INTO t VALUES ({n}, ?)</c>) parsed once, each placeholder a
    /// <see cref="ParamExpr"/>. Null when the filled text could parse otherwise: no placeholder, one
    /// inside a quoted string or name or touching a word or number (<c>a?</c> fills to the name
    /// <c>a5</c>), one where the grammar wants a number (<c>LIMIT ?</c>), or not a DML statement.
    /// </summary>
    public static Statement? ParseTemplate(string template)
    {
        List<Token> tokens;
        try { tokens = Lexer.Tokenize(template, template: true); }
        catch (SqlError) { return null; }
        int placeholders = 0;
        foreach (Token t in tokens)
        {
            if (t.Kind != TokenKind.Symbol || PlaceholderOf(t.Text) is null) continue;
            placeholders++;
            if (Touches(template, t.Position - 1) || Touches(template, t.Position + t.Text.Length)) return null;
        }
        if (placeholders == 0 || placeholders != Placeholders.Count(template)) return null;
        if (!(tokens[0].Is("SELECT") || tokens[0].Is("INSERT") || tokens[0].Is("REPLACE") || tokens[0].Is("UPDATE") || tokens[0].Is("DELETE"))) return null;
        try
        {
            return new Parser(template, tokens, template: true).Whole();
        }
        catch (SqlError)
        {
            return null;
        }
    }

    private static Placeholder? PlaceholderOf(string symbol) => symbol switch
    {
        "?" => Placeholder.Key,
        "{n}" => Placeholder.N,
        "{session}" => Placeholder.Session,
        _ => null,
    };

    private static bool Touches(string text, int at) =>
        at >= 0 && at < text.Length && (char.IsLetterOrDigit(text[at]) || text[at] is '_' or '$' or '.' or '`' or '\'' or '"' or '@');

    private Token Peek => _tokens[_pos];

    private Token Next() => _tokens[_pos++];

    private SqlError Error() => SqlError.Parse(Peek.Kind == TokenKind.End ? "" : _sql[Peek.Position..]);

    private bool Accept(string keyword)
    {
        if (!Peek.Is(keyword)) return false;
        _pos++;
        return true;
    }

    private bool AcceptSymbol(string symbol)
    {
        if (!Peek.IsSymbol(symbol)) return false;
        _pos++;
        return true;
    }

    private void Expect(string keyword)
    {
        if (!Accept(keyword)) throw Error();
    }

    private void ExpectSymbol(string symbol)
    {
        if (!AcceptSymbol(symbol)) throw Error();
    }

    private string Identifier()
    {
        if (Peek.Kind != TokenKind.Word) throw Error();
        return Next().Text;
    }

    private long Integer()
    {
        if (Peek.Kind != TokenKind.Number || !Lexer.TryInteger(Peek.Text, out long v)) throw Error();
        _pos++;
        return v;
    }

    private Statement Statement()
    {
        if (Accept("CREATE")) return CreateTable();
        if (Accept("SELECT")) return Select();
        if (Accept("INSERT")) return Insert(replace: false);
        if (Accept("REPLACE")) return Insert(replace: true);
        if (Accept("UPDATE")) return Update();
        if (Accept("DELETE")) return Delete();
        if (Accept("SET")) return SetVariable();
        if (Accept("BEGIN") || Accept("COMMIT") || Accept("ROLLBACK")) return new TransactionControlStatement(_tokens[_pos - 1].Text.ToUpperInvariant());
        if (Accept("START")) { Expect("TRANSACTION"); return new TransactionControlStatement("BEGIN"); }
        throw Error();
    }

    private Statement CreateTable()
    {
        Expect("TABLE");
        string name = Identifier();
        ExpectSymbol("(");
        var columns = new List<Column>();
        var unique = new List<int>();
        string? primaryKey = null;
        do
        {
            if (Accept("PRIMARY")) { Expect("KEY"); ExpectSymbol("("); primaryKey = Identifier(); ExpectSymbol(")"); continue; }
            if (Accept("UNIQUE")) { Accept("KEY"); ExpectSymbol("("); string u = Identifier(); ExpectSymbol(")"); unique.Add(columns.FindIndex(c => c.Name.Equals(u, StringComparison.OrdinalIgnoreCase))); continue; }
            string col = Identifier();
            string typeName = Identifier().ToUpperInvariant();
            ColumnType type = typeName switch
            {
                "INT" or "INTEGER" or "SMALLINT" or "TINYINT" or "MEDIUMINT" => ColumnType.Int,
                "BIGINT" => ColumnType.BigInt,
                "VARCHAR" or "CHAR" or "TEXT" => ColumnType.Varchar,
                "DATETIME" or "TIMESTAMP" => ColumnType.Datetime,
                _ => throw SqlError.Parse(typeName),
            };
            int length = 0;
            if (AcceptSymbol("(")) { length = (int)Integer(); ExpectSymbol(")"); }
            if (type == ColumnType.Varchar && length == 0) length = 255;
            bool autoInc = false, nullable = true, pk = false;
            while (true)
            {
                if (Accept("PRIMARY")) { Expect("KEY"); pk = true; nullable = false; }
                else if (Accept("AUTO_INCREMENT")) autoInc = true;
                else if (Accept("NOT")) { Expect("NULL"); nullable = false; }
                else if (Accept("NULL")) nullable = true;
                else if (Accept("UNIQUE")) { Accept("KEY"); unique.Add(columns.Count); }
                else if (Accept("UNSIGNED")) { }
                else break;
            }
            if (pk) primaryKey = col;
            columns.Add(new Column(col, type, length, autoInc, nullable));
        }
        while (AcceptSymbol(","));
        ExpectSymbol(")");
        while (Peek.Kind == TokenKind.Word || Peek.IsSymbol("=")) _pos++; // ENGINE=InnoDB and friends
        if (primaryKey is not null)
        {
            int pkIndex = columns.FindIndex(c => c.Name.Equals(primaryKey, StringComparison.OrdinalIgnoreCase));
            if (pkIndex > 0)
            {
                Column pkCol = columns[pkIndex];
                columns.RemoveAt(pkIndex);
                columns.Insert(0, pkCol);
            }
        }
        try
        {
            return new CreateTableStatement(new TableSchema(name, columns, unique.Where(u => u > 0).ToArray()));
        }
        catch (ArgumentException e)
        {
            throw new SqlError(1075, "42000", e.Message);
        }
    }

    private SelectStatement Select()
    {
        var items = new List<Expr>();
        do items.Add(AcceptSymbol("*") ? new StarExpr() : Expression());
        while (AcceptSymbol(","));
        string? table = Accept("FROM") ? Identifier() : null;
        Expr? where = Accept("WHERE") ? Expression() : null;
        OrderBy? order = OrderByClause();
        long? limit = Accept("LIMIT") ? Integer() : null;
        bool forUpdate = false;
        if (Accept("FOR")) { Expect("UPDATE"); forUpdate = true; }
        return new SelectStatement(items, table, where, order, limit, forUpdate);
    }

    private OrderBy? OrderByClause()
    {
        if (!Accept("ORDER")) return null;
        Expect("BY");
        string col = Identifier();
        bool desc = Accept("DESC");
        if (!desc) Accept("ASC");
        return new OrderBy(col, desc);
    }

    private Statement Insert(bool replace)
    {
        bool ignore = Accept("IGNORE");
        Accept("INTO");
        string table = Identifier();
        List<string>? columns = null;
        if (AcceptSymbol("("))
        {
            columns = new List<string>();
            do columns.Add(Identifier()); while (AcceptSymbol(","));
            ExpectSymbol(")");
        }
        List<IReadOnlyList<Expr>>? rows = null;
        SelectStatement? select = null;
        if (Accept("VALUES") || Accept("VALUE"))
        {
            rows = new List<IReadOnlyList<Expr>>();
            do
            {
                ExpectSymbol("(");
                var row = new List<Expr>();
                do row.Add(Expression()); while (AcceptSymbol(","));
                ExpectSymbol(")");
                rows.Add(row);
            }
            while (AcceptSymbol(","));
        }
        else if (Accept("SELECT")) select = Select();
        else throw Error();
        List<Assignment>? onDup = null;
        if (Accept("ON"))
        {
            Expect("DUPLICATE");
            Expect("KEY");
            Expect("UPDATE");
            onDup = Assignments();
        }
        return new InsertStatement(table, columns, rows, select, ignore, replace, onDup);
    }

    private List<Assignment> Assignments()
    {
        var list = new List<Assignment>();
        do
        {
            string col = Identifier();
            ExpectSymbol("=");
            list.Add(new Assignment(col, Expression()));
        }
        while (AcceptSymbol(","));
        return list;
    }

    private Statement Update()
    {
        bool ignore = Accept("IGNORE");
        string table = Identifier();
        Expect("SET");
        List<Assignment> set = Assignments();
        Expr? where = Accept("WHERE") ? Expression() : null;
        OrderBy? order = OrderByClause();
        long? limit = Accept("LIMIT") ? Integer() : null;
        return new UpdateStatement(table, set, where, order, limit, ignore);
    }

    private Statement Delete()
    {
        Expect("FROM");
        string table = Identifier();
        Expr? where = Accept("WHERE") ? Expression() : null;
        OrderBy? order = OrderByClause();
        long? limit = Accept("LIMIT") ? Integer() : null;
        return new DeleteStatement(table, where, order, limit);
    }

    private Statement SetVariable()
    {
        ExpectSymbol("@");
        string name = Identifier();
        if (!AcceptSymbol("=")) { ExpectSymbol(":"); ExpectSymbol("="); }
        return new SetVariableStatement(name, Expression());
    }

    // ---- expressions, lowest precedence first --------------------------------------------------

    private Expr Expression() => Or();

    private Expr Or()
    {
        Expr left = And();
        while (Accept("OR")) left = new BinaryExpr("OR", left, And());
        return left;
    }

    private Expr And()
    {
        Expr left = Not();
        while (Accept("AND")) left = new BinaryExpr("AND", left, Not());
        return left;
    }

    private Expr Not() => Accept("NOT") ? new UnaryExpr("NOT", Not()) : Comparison();

    private Expr Comparison()
    {
        Expr left = Additive();
        while (true)
        {
            if (Peek.Kind == TokenKind.Symbol && Peek.Text is "=" or "<" or ">" or "<=" or ">=" or "<>" or "!=")
            {
                string op = Next().Text;
                left = new BinaryExpr(op == "!=" ? "<>" : op, left, Additive());
                continue;
            }
            bool negated = Accept("NOT");
            if (Accept("IN"))
            {
                ExpectSymbol("(");
                var list = new List<Expr>();
                do list.Add(Expression()); while (AcceptSymbol(","));
                ExpectSymbol(")");
                left = new InExpr(left, list, negated);
                continue;
            }
            if (Accept("BETWEEN"))
            {
                Expr low = Additive();
                Expect("AND");
                left = new BetweenExpr(left, low, Additive(), negated);
                continue;
            }
            if (negated) throw Error();
            if (Accept("IS"))
            {
                bool not = Accept("NOT");
                Expect("NULL");
                left = new IsNullExpr(left, not);
                continue;
            }
            return left;
        }
    }

    private Expr Additive()
    {
        Expr left = Multiplicative();
        while (Peek.IsSymbol("+") || Peek.IsSymbol("-")) left = new BinaryExpr(Next().Text, left, Multiplicative());
        return left;
    }

    private Expr Multiplicative()
    {
        Expr left = Unary();
        while (Peek.IsSymbol("*") || Peek.IsSymbol("/") || Peek.IsSymbol("%") || Peek.Is("DIV") || Peek.Is("MOD"))
        {
            string op = Next().Text.ToUpperInvariant();
            left = new BinaryExpr(op == "%" ? "MOD" : op, left, Unary());
        }
        return left;
    }

    private Expr Unary() => AcceptSymbol("-") ? new UnaryExpr("-", Unary()) : Primary();

    private Expr Primary()
    {
        Token t = Peek;
        if (AcceptSymbol("("))
        {
            Expr inner = Expression();
            ExpectSymbol(")");
            return inner;
        }
        if (t.Kind == TokenKind.Number)
        {
            _pos++;
            if (Lexer.TryInteger(t.Text, out long v)) return new LiteralExpr(v);
            return new LiteralExpr(double.Parse(t.Text, CultureInfo.InvariantCulture));
        }
        if (t.Kind == TokenKind.String) { _pos++; return new LiteralExpr(t.Text); }
        if (AcceptSymbol("@@"))
        {
            if (Accept("GLOBAL") || Accept("SESSION")) ExpectSymbol(".");
            return new SystemVarExpr(Identifier().ToLowerInvariant());
        }
        if (AcceptSymbol("@")) return new UserVarExpr(Identifier());
        if (_template && t.Kind == TokenKind.Symbol && PlaceholderOf(t.Text) is { } placeholder)
        {
            _pos++;
            return new ParamExpr(placeholder);
        }
        if (t.Kind != TokenKind.Word) throw Error();
        _pos++;
        if (t.Is("NULL")) return new LiteralExpr(null);
        if (t.Is("TRUE")) return new LiteralExpr(1L);
        if (t.Is("FALSE")) return new LiteralExpr(0L);
        string upper = t.Text.ToUpperInvariant();
        if (AcceptSymbol("("))
        {
            var args = new List<Expr>();
            if (!AcceptSymbol(")"))
            {
                do args.Add(AcceptSymbol("*") ? new StarExpr() : Expression()); while (AcceptSymbol(","));
                ExpectSymbol(")");
            }
            return new FuncExpr(upper, args);
        }
        // Niladic functions written without parentheses.
        if (upper is "CURRENT_TIMESTAMP" or "CURRENT_DATE" or "CURRENT_TIME" or "LOCALTIME" or "LOCALTIMESTAMP" or "CURRENT_USER" or "UTC_TIMESTAMP")
            return new FuncExpr(upper, []);
        return new ColumnExpr(t.Text);
    }
}
