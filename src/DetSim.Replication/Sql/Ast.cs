using DetSim.Replication.Storage;

namespace DetSim.Replication.Sql;

// Expressions.
public abstract record Expr;
public sealed record LiteralExpr(object? Value) : Expr;
/// <summary>A template's placeholder, bound to the request's <see cref="TemplateValues"/> when the statement runs.</summary>
public sealed record ParamExpr(Placeholder Placeholder) : Expr;
public sealed record ColumnExpr(string Name) : Expr;
public sealed record UserVarExpr(string Name) : Expr;
public sealed record SystemVarExpr(string Name) : Expr;
public sealed record UnaryExpr(string Op, Expr Operand) : Expr;
public sealed record BinaryExpr(string Op, Expr Left, Expr Right) : Expr;
public sealed record FuncExpr(string Name, IReadOnlyList<Expr> Args) : Expr;
public sealed record InExpr(Expr Value, IReadOnlyList<Expr> List, bool Negated) : Expr;
public sealed record BetweenExpr(Expr Value, Expr Low, Expr High, bool Negated) : Expr;
public sealed record IsNullExpr(Expr Value, bool Negated) : Expr;
public sealed record StarExpr : Expr;

public sealed record OrderBy(string Column, bool Descending);
public sealed record Assignment(string Column, Expr Value);

// Statements.
public abstract record Statement;
public sealed record CreateTableStatement(TableSchema Schema) : Statement;
public sealed record SelectStatement(IReadOnlyList<Expr> Items, string? Table, Expr? Where, OrderBy? Order, long? Limit, bool ForUpdate) : Statement;
public sealed record InsertStatement(string Table, IReadOnlyList<string>? Columns, IReadOnlyList<IReadOnlyList<Expr>>? Rows, SelectStatement? Select,
    bool Ignore, bool Replace, IReadOnlyList<Assignment>? OnDuplicate) : Statement;
public sealed record UpdateStatement(string Table, IReadOnlyList<Assignment> Set, Expr? Where, OrderBy? Order, long? Limit, bool Ignore) : Statement;
public sealed record DeleteStatement(string Table, Expr? Where, OrderBy? Order, long? Limit) : Statement;
public sealed record SetVariableStatement(string Name, Expr Value) : Statement;
public sealed record TransactionControlStatement(string Verb) : Statement;
