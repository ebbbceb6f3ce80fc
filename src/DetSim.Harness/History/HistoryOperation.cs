using DetSim.Core.Time;

namespace DetSim.Harness.History;

/// <summary>
/// One client request from invocation to its end, whatever the system under test: who sent it,
/// to which server, whether it only reads, when it began and ended (true simulated time) and how it
/// ended. A model derives its own operation with what its requests carry (SQL, rows, GTIDs).
/// </summary>
public abstract record HistoryOperation(
    long Id,
    string Client,
    int Session,
    string Server,
    bool IsRead,
    SimTime Invoked,
    SimTime? Completed,
    OpOutcome Outcome,
    int ErrorCode,
    string? Error)
{
    /// <summary>The server said OK (for a write: it was acknowledged).</summary>
    public bool Acknowledged => Outcome == OpOutcome.Ok;
}
