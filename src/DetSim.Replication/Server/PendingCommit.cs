using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;

namespace DetSim.Replication.Server;

/// <summary>
/// Who hears that a transaction committed: the client's session (its OK) or the applier's job. An
/// object the caller has anyway, not a lambda: a closure and a delegate per commit were allocated.
/// </summary>
internal interface ICommitListener
{
    void Committed(PendingCommit trx);
}

/// <summary>A replicated transaction's listener, which can also apply it again once a local session releases a row it writes.</summary>
internal interface IReplicatedCommit : ICommitListener
{
    void Reapply();
}

/// <summary>A transaction on its way through the commit pipeline.</summary>
internal sealed class PendingCommit
{
    public required long Xid { get; init; }
    public required TransactionStore Store { get; init; }
    public required IReadOnlyList<LoggedStatement> Statements { get; init; }
    public required long ThreadId { get; init; }
    public required int AutoIncrementIncrement { get; init; }
    public required int AutoIncrementOffset { get; init; }
    public required SimTime Timestamp { get; init; }

    /// <summary>Set for a replicated transaction: keep the origin's GTID, server id and timestamp.</summary>
    public Gtid.Gtid? OriginGtid { get; init; }
    public bool Replicated { get; init; }
    public uint OriginServerId { get; init; }

    /// <summary>Crash-safe replica: the applier position committed in the same transaction.</summary>
    public ApplierPosition? Position { get; init; }

    /// <summary>Told once the transaction is committed (and, with AFTER_COMMIT, acknowledged or timed out).</summary>
    public required ICommitListener Listener { get; init; }

    // Filled in by the pipeline.
    public Gtid.Gtid? Gtid { get; set; }
    public bool Logged { get; set; }
    public BinlogCoordinates BinlogEnd { get; set; }
    public SimTime EnteredAt { get; set; }
    public bool WaitedForAck { get; set; }
}
