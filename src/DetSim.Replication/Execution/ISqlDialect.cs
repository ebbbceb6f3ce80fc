using DetSim.Replication.Storage;

namespace DetSim.Replication.Execution;

/// <summary>The SQL layer the servers use: a statement engine per server and CREATE TABLE parsing for provisioning.</summary>
public interface ISqlDialect
{
    IStatementEngine CreateEngine(StatementEngineOptions options);

    TableSchema ParseCreateTable(string sql);
}
