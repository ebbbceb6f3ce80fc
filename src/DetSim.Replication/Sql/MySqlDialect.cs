using DetSim.Replication.Execution;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Sql;

/// <summary>The SQL layer servers use: <see cref="StatementExecutor"/> and CREATE TABLE parsing.</summary>
public sealed class MySqlDialect : ISqlDialect
{
    public static MySqlDialect Instance { get; } = new();

    public IStatementEngine CreateEngine(StatementEngineOptions options) => new StatementExecutor(options);

    public TableSchema ParseCreateTable(string sql) =>
        Parser.Parse(sql) is CreateTableStatement c ? c.Schema : throw new SqlError(1064, "42000", $"expected CREATE TABLE, got: {sql}");
}
