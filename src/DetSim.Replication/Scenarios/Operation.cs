using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Scenarios;

/// <summary>One client request from invocation to its end, as the checkers read the history.</summary>
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
    string? Gtid)
{
    public bool Acknowledged => Outcome == OpOutcome.Ok;

    public override string ToString() =>
        $"op#{Id} {Client}/s{Session} @{Server} [{string.Join("; ", Sql)}] {Invoked}..{(Completed?.ToString() ?? "?")} {Outcome.ToString().ToLowerInvariant()}" +
        (ErrorCode != 0 ? $" error {ErrorCode}" : "") + (Gtid is null ? "" : $" gtid {Gtid}");
}
