using DetSim.Replication.Storage;

namespace DetSim.Replication.Clients;

public enum OpOutcome : byte
{
    /// <summary>The server said OK: for a write, the commit was acknowledged.</summary>
    Ok,
    /// <summary>The server returned an error: nothing was committed.</summary>
    Failed,
    /// <summary>No reply in time (server down, partition): the write may or may not have committed.</summary>
    Unknown,
}

/// <summary>A client sent a request (observed by the harness, stamped with true time).</summary>
public sealed record OpInvoked(long OpId, string Client, int Session, string Server, IReadOnlyList<string> Sql, bool IsRead);

/// <summary>The request's end.</summary>
public sealed record OpCompleted(long OpId, OpOutcome Outcome, int ErrorCode, string? ErrorMessage, IReadOnlyList<Value[]> Rows, IReadOnlyList<RowChange> Changes, string? Gtid);
