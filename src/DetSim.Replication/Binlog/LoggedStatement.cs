using DetSim.Replication.Execution;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Binlog;

/// <summary>One executed statement of a transaction with the row changes it made.</summary>
public sealed record LoggedStatement(StatementOutcome Outcome, IReadOnlyList<RowChange> Changes);
