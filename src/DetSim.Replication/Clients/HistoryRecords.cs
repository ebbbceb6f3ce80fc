using DetSim.Harness.History;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Clients;

/// <summary>A client sent a request (observed by the harness, stamped with true time).</summary>
public sealed record OpInvoked(long OpId, string Client, int Session, string Server, IReadOnlyList<string> Sql, bool IsRead) : OperationLog.IInvocation;

/// <summary>The request's end.</summary>
public sealed record OpCompleted(long OpId, OpOutcome Outcome, int ErrorCode, string? ErrorMessage, IReadOnlyList<Value[]> Rows, IReadOnlyList<RowChange> Changes, string? Gtid) : OperationLog.ICompletion;
