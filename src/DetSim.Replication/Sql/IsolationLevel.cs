namespace DetSim.Replication.Sql;

/// <summary>
/// transaction_isolation (RM80 innodb-transaction-isolation-levels.html). What the model uses it for
/// is binary logging: under READ COMMITTED and READ UNCOMMITTED InnoDB can log rows only, so
/// STATEMENT format fails with 1665 and MIXED logs rows (sql/sql_class.cc THD::decide_logging_format).
/// Reads do not differ: each request runs as one transaction on the committed rows.
/// </summary>
public enum IsolationLevel : byte
{
    RepeatableRead,
    ReadCommitted,
    ReadUncommitted,
    Serializable,
}
