using DetSim.Core.Nodes;
using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Gtid;
using DetSim.Replication.Replica;
using DetSim.Replication.Semisync;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Server;

// What each of a server's threads may touch of it, instead of the whole MySqlServer: a thread's
// dependencies are its host interface, and a new use of server state shows up as an edit here.
// MySqlServer implements them (MySqlServer.ThreadHosts.cs).

/// <summary>What every server thread sees: identity, settings, the node's clock and trace, and the GTID state.</summary>
internal interface IServerThreadHost
{
    string Name { get; }
    ServerOptions Options { get; }
    string Uuid { get; }
    uint ServerId { get; }
    INodeContext Context { get; }
    GtidSet GtidExecuted { get; }
    /// <summary>GTIDs committing but not yet in gtid_executed (owned by a session or the applier).</summary>
    GtidSet OwnedGtids { get; }
    void Note(string text);
    void SetTimer(Duration after, TimerKind kind, long id);
    /// <summary>A crash point fired in this step: nothing more of the step may happen.</summary>
    bool Dying { get; }
    /// <summary>One arrival at a crash point (CrashPointCatalog); true when the server dies here and the caller must stop its step.</summary>
    bool AtCrashPoint(string point);
}

/// <summary>The dump thread (Binlog_sender): reads the binary log up to what is published, and tells semi-sync of its replica.</summary>
internal interface IDumpHost : IServerThreadHost
{
    BinaryLog Binlog { get; }
    SemiSyncSource SemiSync { get; }
    BinlogCoordinates PublishedEnd { get; }
}

/// <summary>The receiver (IO thread): writes the relay log and wakes the applier.</summary>
internal interface IReceiverHost : IServerThreadHost
{
    RelayLog Relay { get; }
    Applier Applier { get; }
    long NextConnectionId();
}

/// <summary>The applier (SQL thread and workers): reads the relay log, executes, and commits through the server's pipeline.</summary>
internal interface IApplierHost : IServerThreadHost
{
    RelayLog Relay { get; }
    InnoDb Engine { get; }
    IStatementEngine Statements { get; }
    ReplicaSource? Source { get; }
    long NextWorkId();
    SessionContext NewApplierSession();
    bool CommitReplicated(TransactionStore store, IReadOnlyList<LoggedStatement> statements, GtidEvent head, RelayTransaction trx, IReplicatedCommit job);
}

/// <summary>The group commit pipeline: engine prepare and commit, binlog flush and sync, semi-sync waits, row locks, crash points.</summary>
internal interface ICommitHost : IServerThreadHost
{
    InnoDb Engine { get; }
    BinaryLog Binlog { get; }
    SemiSyncSource SemiSync { get; }
    TransactionEventsBuilder EventsBuilder { get; }
    RowLocks Locks { get; }
    long NextGno();
    TableSchema SchemaOf(string table);
    void PublishBinlogEnd();
    void RotateBinlogNow();
    void WaitForAck(BinlogCoordinates position, Action<bool> done);
    void OnLocksReleased();
}
