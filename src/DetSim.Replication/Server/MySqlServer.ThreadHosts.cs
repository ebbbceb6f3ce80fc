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

// The server's side of ThreadHosts.cs: each line hands a thread one member it may use.
public sealed partial class MySqlServer : IDumpHost, IReceiverHost, IApplierHost, ICommitHost
{
    INodeContext IServerThreadHost.Context => Context;
    GtidSet IServerThreadHost.OwnedGtids => OwnedGtids;
    void IServerThreadHost.Note(string text) => Note(text);
    void IServerThreadHost.SetTimer(Duration after, TimerKind kind, long id) => SetTimer(after, kind, id);
    bool IServerThreadHost.Dying => Dying;
    bool IServerThreadHost.AtCrashPoint(string point) => AtCrashPoint(point);

    BinaryLog IDumpHost.Binlog => Binlog;
    SemiSyncSource IDumpHost.SemiSync => SemiSync;
    BinlogCoordinates IDumpHost.PublishedEnd => PublishedEnd;

    RelayLog IReceiverHost.Relay => Relay;
    Applier IReceiverHost.Applier => Applier;
    long IReceiverHost.NextConnectionId() => NextConnectionId();

    RelayLog IApplierHost.Relay => Relay;
    InnoDb IApplierHost.Engine => Engine;
    IStatementEngine IApplierHost.Statements => Statements;
    long IApplierHost.NextWorkId() => NextWorkId();
    SessionContext IApplierHost.NewApplierSession() => NewApplierSession();
    bool IApplierHost.CommitReplicated(TransactionStore store, IReadOnlyList<LoggedStatement> statements, GtidEvent head, RelayTransaction trx, IReplicatedCommit job) =>
        CommitReplicated(store, statements, head, trx, job);

    InnoDb ICommitHost.Engine => Engine;
    BinaryLog ICommitHost.Binlog => Binlog;
    SemiSyncSource ICommitHost.SemiSync => SemiSync;
    TransactionEventsBuilder ICommitHost.EventsBuilder => EventsBuilder;
    RowLocks ICommitHost.Locks => Locks;
    long ICommitHost.NextGno() => NextGno();
    TableSchema ICommitHost.SchemaOf(string table) => SchemaOf(table);
    void ICommitHost.PublishBinlogEnd() => PublishBinlogEnd();
    // An applier crash point fires inside a commit's callback (CrashPointCatalog.ThreadPoints): the
    // pipeline's remaining steps then neither rotate the binlog nor wake lock waiters.
    void ICommitHost.RotateBinlogNow() { if (!Dying) RotateBinlogNow(); }
    void ICommitHost.WaitForAck(BinlogCoordinates position, Action<bool> done) => WaitForAck(position, done);
    void ICommitHost.OnLocksReleased() { if (!Dying) OnLocksReleased(); }
}
