using DetSim.Replication.Sql;

namespace DetSim.Replication.Execution;

/// <summary>Parses and runs one SQL statement inside a transaction.</summary>
public interface IStatementEngine
{
    StatementOutcome Run(string sql, TransactionStore store, ISessionContext session, Flavor flavor);
}
