using DetSim.Core;
using DetSim.Core.Disk;
using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Gtid;
using DetSim.Replication.Replica;
using DetSim.Replication.Semisync;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Server;

/// <summary>
/// One MySQL server as a sans-IO state machine: it reacts to client requests, replication messages
/// and its own timers, and acts only through its <see cref="INodeContext"/>. A crash discards the
/// instance; the next one recovers from the disk in <see cref="OnStart"/> the way mysqld does:
/// binlog scan, InnoDB redo with prepared transactions decided by the binlog, a new binlog file,
/// replication threads restarted from their repositories.
/// </summary>
public sealed partial class MySqlServer : INode
{
    private const string ReplicaConfigFile = "replica.conf";
    private const string BootCountFile = "boot.count";
    private readonly ServerSetup _setup;
    private readonly List<DumpThread> _dumpThreads = new();
    private INodeContext? _context;
    private long _nextConnection;
    private long _lastAssignedGno;
    private long _bootCount;
    private long _nextXid;
    private long _nextWorkId;

    public MySqlServer(ServerSetup setup)
    {
        _setup = setup;
        Options = setup.Options;
        Name = setup.Name;
        Uuid = string.IsNullOrEmpty(setup.Options.ServerUuid) ? UuidFor(setup.Name) : setup.Options.ServerUuid;
    }

    public string Name { get; }
    public ServerOptions Options { get; private set; }
    public string Uuid { get; }
    public uint ServerId { get; private set; }

    internal INodeContext Context => _context ?? throw new InvalidOperationException($"server {Name} is not running");
    internal InnoDb Engine { get; private set; } = null!;
    internal BinaryLog Binlog { get; private set; } = null!;
    internal RelayLog Relay { get; private set; } = null!;
    internal SemiSyncSource SemiSync { get; private set; } = null!;
    internal CommitPipeline Pipeline { get; private set; } = null!;
    internal TransactionEventsBuilder EventsBuilder { get; private set; } = null!;
    internal RowLocks Locks { get; } = new();
    internal IStatementEngine Statements { get; private set; } = null!;
    internal Receiver? Receiver { get; private set; }
    internal Applier Applier { get; private set; } = null!;

    /// <summary>gtid_executed.</summary>
    public GtidSet GtidExecuted { get; private set; } = new();

    /// <summary>GTIDs assigned to transactions still in the commit pipeline.</summary>
    internal GtidSet OwnedGtids { get; } = new();

    /// <summary>binlog_end_pos: what dump threads may send.</summary>
    internal BinlogCoordinates PublishedEnd { get; private set; }

    public bool ReadOnly { get; private set; }
    public bool IsReplica => Receiver is not null;
    public ReplicaSource? Source => Receiver?.Source;
    public SemiSyncCounters SemiSyncStatus => SemiSync.Counters;
    public IReadOnlyList<string> BinlogFiles => Binlog.Files;
    public BinlogCoordinates BinlogEnd => Binlog.End;

    /// <summary>binlog_end_pos: the end dump threads may send up to.</summary>
    public BinlogCoordinates PublishedBinlogEnd => PublishedEnd;
    public GtidSet GtidPurged => Binlog.Purged;
    public IEnumerable<Table> Tables => Engine.Tables;
    public int PendingCommits => Pipeline.Queued;

    /// <summary>Total bytes of every binlog file present (for the format cost comparison).</summary>
    public long BinlogBytes => Binlog.Files.Sum(f => Context.Disk.TryOpen(f)?.Length ?? 0);

    // ---- boot and recovery ---------------------------------------------------------------------

    public void OnStart(INodeContext context)
    {
        _context = context;
        ServerId = Options.ServerId != 0 ? Options.ServerId : (uint)(context.Self + 1);
        SimDisk disk = context.Disk;
        _bootCount = Boot(disk);
        bool fresh = !disk.Exists(InnoDb.RedoFileName);
        Engine = new InnoDb(disk, Options.InnodbFlushLogAtTrxCommit);
        _spareStore = null; // a read's store of the last boot reads the last engine
        Binlog = new BinaryLog(disk, ServerId, Options.MaxBinlogSize);
        Statements = _setup.Sql.CreateEngine(new StatementEngineOptions { AccessPathVaries = Options.AccessPathVaries });
        EventsBuilder = new TransactionEventsBuilder(ServerId, flavor: Options.Flavor);
        SemiSync = new SemiSyncSource(Options.SemiSync);
        Pipeline = new CommitPipeline(this);
        ReadOnly = Options.ReadOnly;
        if (fresh)
        {
            Engine.LoadBaseline(_setup.Baseline);
        }
        else
        {
            HashSet<long> xids = Binlog.Recover();
            EngineRecovery recovered = Engine.Recover(xids);
            Binlog.CheckRolledBackAreNotInOlderFiles(recovered.RolledBack);
            Note($"crash recovery: {recovered.Committed.Count} prepared transaction(s) committed from the binlog, binlog end {Binlog.End}");
        }
        GtidExecuted = new GtidSet();
        if (Options.GtidMode)
        {
            GtidExecuted.UnionWith(Binlog.AllGtids());
            GtidExecuted.UnionWith(Engine.GtidTable);
        }
        Binlog.Rotate(context.Now, GtidExecuted); // mysqld opens a new binlog file at every start
        PublishedEnd = Binlog.End;
        Relay = new RelayLog(disk);
        LoadGtidOrigins(disk);
        StartReplicationAfterBoot(fresh);
        if (Options.InnodbFlushLogAtTrxCommit != FlushLogAtTrxCommit.EachCommit) SetTimer(Duration.FromSeconds(1), TimerKind.InnoDbFlush, 0);
        SetTimer(Options.EffectiveHeartbeat, TimerKind.Heartbeat, 0);
    }

    private long Boot(SimDisk disk)
    {
        SimFile f = disk.OpenOrCreate(BootCountFile);
        long boots = f.Chunks.Count > 0 && f.Chunks[^1].Value is long b ? b + 1 : 1;
        f.Overwrite(boots, 8);
        f.Fsync();
        return boots;
    }

    private void StartReplicationAfterBoot(bool fresh)
    {
        ReplicaSource? source = ReadReplicaConfig() ?? (fresh ? _setup.InitialSource : null);
        if (source is null)
        {
            Applier = new Applier(this, new ApplierPosition(BinlogCoordinates.None, 0));
            return;
        }
        if (fresh) WriteReplicaConfig(source);
        SimFile? info = Context.Disk.TryOpen(Applier.RelayLogInfoFile);
        ApplierPosition? filePos = info is { Chunks.Count: > 0 } && info.Chunks[^1].Value is ApplierPosition p ? p : null;
        // TABLE: the position committed with the last applied transaction; FILE: relay-log.info as
        // last synced, possibly behind what was applied (RM80 replication-solutions-unexpected-replica-halt.html).
        ApplierPosition start = (Options.PositionInTable ? Engine.ApplierPosition : filePos) ?? new ApplierPosition(source.Start, 0);
        Receiver = new Receiver(this, source);
        if (Options.RelayLogRecovery && !fresh)
        {
            // relay_log_recovery=ON (sql/rpl_replica.cc init_recovery): a new relay log, the applier
            // at its start and the receiver at the applier's source position; the received set is
            // cleared, so auto-positioning asks from gtid_executed alone.
            Relay.Clear();
            Applier = new Applier(this, start with { RelayIndex = 0 });
            Receiver.Reposition(start.SourcePosition.IsNone ? source.Start : start.SourcePosition, new GtidSet());
        }
        else
        {
            // relay_log_recovery=OFF: the relay log as it survived (its unsynced tail lost with
            // sync_relay_log > 1), the applier at its stored position (past a lost tail: at the end,
            // where new events arrive) and the receiver at master.info's position as last synced.
            Relay.TruncateAfterLastCompleteTransaction();
            Applier = new Applier(this, start with { RelayIndex = Math.Min(start.RelayIndex, Relay.Count) });
            SimFile? mi = Context.Disk.TryOpen(Receiver.SourceInfoFile);
            // Never saved since CHANGE REPLICATION SOURCE: the position that statement wrote (with
            // auto-positioning only what SHOW REPLICA STATUS shows; the request carries GTIDs).
            BinlogCoordinates read = mi is { Chunks.Count: > 0 } && mi.Chunks[^1].Value is SourceInfo si ? si.Coordinates
                : source.AutoPosition ? start.SourcePosition : source.Start;
            Receiver.Reposition(read.IsNone ? source.Start : read, GtidsInRelay());
        }
        Receiver.Start();
        Applier.Start();
    }

    private GtidSet GtidsInRelay()
    {
        var set = new GtidSet();
        for (int i = 0; i < Relay.Count; i++)
            if (Relay.At(i)?.Event is Binlog.Events.GtidEvent { Gtid: { } g }) set.Add(g);
        return set;
    }

    // ---- dispatch ------------------------------------------------------------------------------

    /// <summary>MySQL speaks only over connections (the client protocol and the replication protocol, both TCP).</summary>
    public void OnMessage(INodeContext context, int from, object message) =>
        throw new InvalidOperationException($"server {Name} got a datagram {message.GetType().Name} from {context.NameOf(from)}; MySQL talks over connections");

    public void OnReceive(INodeContext context, Connection connection, object message)
    {
        switch (message)
        {
            case ClientRequest req: OnClientRequest(connection, req); break;
            case DumpRequest dump: OnDumpRequest(connection, dump); break;
            case SemiSyncAck ack: OnAck(connection, ack); break;
            case BinlogPacket packet: Receiver?.OnPacket(connection, packet); break;
            case Heartbeat hb: Receiver?.OnHeartbeat(connection, hb); break;
            case DumpError err: Receiver?.OnDumpError(connection, err); break;
            case Harness.Failover.AdminRequest admin: OnAdminRequest(connection, admin); break;
            default: throw new InvalidOperationException($"server {Name} got an unknown message {message.GetType().Name}");
        }
    }

    public void OnDisconnected(INodeContext context, Connection connection, CloseReason reason)
    {
        int dump = _dumpThreads.FindIndex(d => d.Connection == connection);
        if (dump >= 0)
        {
            // The replica is gone (its kernel closed the socket, or reset it after a reboot, or our
            // retransmissions timed out): the dump thread ends and semi-sync counts one client less.
            DumpThread d = _dumpThreads[dump];
            _dumpThreads.RemoveAt(dump);
            SemiSync.ReplicaDisconnected(d.ReplicaServerId);
            Note($"dump thread for server_id {d.ReplicaServerId}: connection {ReasonText(reason)}");
            return;
        }
        Receiver?.OnDisconnected(connection, reason);
    }

    private static string ReasonText(CloseReason reason) => reason switch
    {
        CloseReason.Reset => "reset by peer",
        CloseReason.Refused => "refused",
        CloseReason.TimedOut => "timed out",
        _ => "closed by peer",
    };

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        long id = TimerTag.IdOf(tag);
        switch (TimerTag.KindOf(tag))
        {
            case TimerKind.FlushDone: Pipeline.OnFlushDone(id); break;
            case TimerKind.SyncDone: Pipeline.OnSyncDone(id); break;
            case TimerKind.SemiSyncTimeout: SemiSync.OnTimeout(id, Context.Now, NoteAction); break;
            case TimerKind.InnoDbFlush:
                Engine.BackgroundFlush();
                SetTimer(Duration.FromSeconds(1), TimerKind.InnoDbFlush, 0);
                break;
            case TimerKind.Heartbeat:
                foreach (DumpThread d in _dumpThreads) d.SendHeartbeat();
                SetTimer(Options.EffectiveHeartbeat, TimerKind.Heartbeat, 0);
                break;
            case TimerKind.ReceiverTimeout: Receiver?.OnTimeout(id); break;
            case TimerKind.ReceiverRetry: Receiver?.OnRetry(id); break;
            case TimerKind.WorkerDone: Applier.OnWorkerDone(id); break;
            case TimerKind.LockWaitTimeout: OnLockWaitTimeout(id); break;
            default: throw new InvalidOperationException($"server {Name}: unknown timer {tag}");
        }
    }

    private void OnDumpRequest(Connection from, DumpRequest request)
    {
        // A replica reconnecting with the same server_id replaces its old dump thread
        // (kill_zombie_dump_threads, sql/rpl_source.cc).
        foreach (DumpThread zombie in _dumpThreads.Where(d => d.ReplicaServerId == request.ServerId).ToList())
        {
            _dumpThreads.Remove(zombie);
            Context.Close(zombie.Connection);
        }
        SemiSync.ReplicaDisconnected(request.ServerId);
        DumpThread? thread = DumpThread.Open(this, from, request, out DumpError? error);
        if (thread is null)
        {
            Note($"dump thread for server_id {request.ServerId}: error {error!.Code}: {error.Message}");
            Context.Send(from, error);
            Context.Close(from);
            return;
        }
        _dumpThreads.Add(thread);
        if (request.SemiSync && SemiSync.Enabled) SemiSync.ReplicaConnected(request.ServerId);
        thread.SendStartRotate();
        thread.SendHeartbeat();
        thread.Pump();
    }

    private void OnAck(Connection from, SemiSyncAck ack)
    {
        if (!HasDumpThreadOn(from)) return; // an ACK from a replaced connection
        SemiSync.OnAck(ack.ServerId, ack.Position, Context.Now, NoteAction);
    }

    /// <summary>A loop, not Any(lambda): the lambda's closure over the connection was allocated for every ACK.</summary>
    private bool HasDumpThreadOn(Connection connection)
    {
        foreach (DumpThread d in _dumpThreads)
            if (d.Connection == connection) return true;
        return false;
    }

    // ---- services for the pipeline and the replication threads ---------------------------------

    internal void SetTimer(Duration after, TimerKind kind, long id) => Context.SetTimer(after, TimerTag.Of(kind, id));

    internal void Note(string text) => Context.Note($"{Name}: {text}");

    internal long NextConnectionId() => (_bootCount << 32) | (uint)++_nextConnection;

    internal long NextXid() => (_bootCount << 32) | (uint)++_nextXid;

    /// <summary>Worker job ids for the applier's timers, unique across the appliers one incarnation creates (CHANGE REPLICATION SOURCE makes a new one).</summary>
    internal long NextWorkId() => ++_nextWorkId;

    /// <summary>The next GNO for this server's own transactions: never one executed or in flight.</summary>
    internal long NextGno()
    {
        // MariaDB numbers one sequence per domain across servers: the domain's highest seq_no seen + 1
        // (sql/rpl_gtid.cc rpl_binlog_state::update_with_next_gtid; a replica bumps it past what it
        // applied, bump_seq_no_if_needed), so in that flavour a GNO is the seq_no of domain 0.
        long floor = Options.Flavor == Flavor.MariaDb1011
            ? Math.Max(GtidExecuted.Last()?.Gno ?? 0, OwnedGtids.Last()?.Gno ?? 0) + 1
            : GtidExecuted.NextGno(Uuid);
        long gno = Math.Max(floor, _lastAssignedGno + 1);
        while (GtidExecuted.Contains(Uuid, gno) || OwnedGtids.Contains(Uuid, gno)) gno++;
        _lastAssignedGno = gno;
        return gno;
    }

    internal TableSchema SchemaOf(string table) =>
        Engine.Table(table)?.Schema ?? throw new InvalidOperationException($"table {table} has no schema on {Name}");

    internal void PublishBinlogEnd()
    {
        PublishedEnd = Binlog.End;
        foreach (DumpThread d in _dumpThreads) d.Pump();
    }

    /// <summary>FLUSH BINARY LOGS: rotates once no transaction of the current file is still prepared.</summary>
    internal void RotateBinlog() => Pipeline.RequestRotation();

    /// <summary>Opens the next binlog file now (the pipeline calls it when the old file's prepared XIDs have drained).</summary>
    internal void RotateBinlogNow()
    {
        Binlog.Rotate(Context.Now, CurrentGtidsForPreviousEvent());
        PublishBinlogEnd();
    }

    private GtidSet CurrentGtidsForPreviousEvent()
    {
        GtidSet s = GtidExecuted.Clone();
        s.UnionWith(OwnedGtids);
        return s;
    }

    internal void WaitForAck(BinlogCoordinates position, Action<bool> done) =>
        SemiSync.Wait(position, Context.Now, done, _semiSyncTimer ??= (after, id) => SetTimer(after, TimerKind.SemiSyncTimeout, id), NoteAction);

    // Made once: a method group or lambda passed as a delegate is a new object at every call (each ACK and semi-sync wait).
    private Action<Duration, long>? _semiSyncTimer;
    private Action<string>? _noteAction;
    private Action<string> NoteAction => _noteAction ??= Note;

    internal SessionContext NewApplierSession() =>
        new(SessionClock, Context.Random, user: "", connectionId: 0, Uuid, Options.AutoIncrementIncrement, Options.AutoIncrementOffset);

    // One delegate for every session's clock: the applier makes a session per transaction.
    private Func<Core.Time.SimTime>? _sessionClock;
    private Func<Core.Time.SimTime> SessionClock => _sessionClock ??= () => Context.Now;

    /// <summary>A deterministic server_uuid from the server's name (MySQL generates one at first start).</summary>
    public static string UuidFor(string name)
    {
        ulong h1 = StableHash.Of("uuid-a/" + name), h2 = StableHash.Of("uuid-b/" + name);
        string hex = $"{h1:x16}{h2:x16}";
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }
}
