using DetSim.Core.Time;
using DetSim.Harness.History;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Scenarios;

/// <summary>One client request from invocation to its end, with what a MySQL request carries: its SQL, the rows it read, the rows it changed and its GTID.</summary>
public sealed record Operation(
    long Id,
    string Client,
    int Session,
    string Server,
    IReadOnlyList<string> Sql,
    bool IsRead,
    SimTime Invoked,
    SimTime? Completed,
    OpOutcome Outcome,
    int ErrorCode,
    string? Error,
    IReadOnlyList<Value[]> Rows,
    IReadOnlyList<RowChange> Changes,
    string? Gtid) : HistoryOperation(Id, Client, Session, Server, IsRead, Invoked, Completed, Outcome, ErrorCode, Error)
{
    public override string ToString() =>
        $"op#{Id} {Client}/s{Session} @{Server} [{string.Join("; ", Sql)}] {Invoked}..{(Completed?.ToString() ?? "?")} {Outcome.ToString().ToLowerInvariant()}" +
        (ErrorCode != 0 ? $" error {ErrorCode}" : "") + (Gtid is null ? "" : $" gtid {Gtid}");
}
