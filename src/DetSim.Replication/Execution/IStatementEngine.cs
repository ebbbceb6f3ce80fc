using DetSim.Replication.Sql;

namespace DetSim.Replication.Execution;

/// <summary>Parses and runs one SQL statement inside a transaction.</summary>
public interface IStatementEngine
{
    StatementOutcome Run(string sql, TransactionStore store, ISessionContext session, Flavor flavor);

    /// <summary>
    /// <paramref name="sql"/> as a client filled it from <paramref name="template"/> with
    /// <paramref name="values"/> (null: not from a template). The outcome is the text's; an engine may
    /// parse the template once instead of each unique text.
    /// </summary>
    StatementOutcome Run(string sql, string? template, TemplateValues values, TransactionStore store, ISessionContext session, Flavor flavor) =>
        Run(sql, store, session, flavor);
}
