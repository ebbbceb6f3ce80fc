using DetSim.Replication.Binlog.Events;

namespace DetSim.Replication.Replica;

/// <summary>
/// Observed (never traced) when a replica's applier starts executing a relay-log transaction
/// (<see cref="Committed"/> false) and when it commits one (true), so the harness can count how
/// often each source transaction was applied on each server. Observations outlive crashes, which a
/// counter inside the server would not. A GTID auto-skip is neither.
/// </summary>
public sealed record TransactionApplied(string Transaction, bool Committed)
{
    /// <summary>The GTID, or without GTIDs the source and the transaction's end in the source's binlog.</summary>
    internal static string KeyOf(GtidEvent head, RelayTransaction trx, string? source) =>
        head.Gtid?.ToString() ?? $"{source}:{trx.SourceEnd.File}:{trx.SourceEnd.Position}";
}
