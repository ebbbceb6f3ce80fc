using DetSim.Core;
using DetSim.Core.Disk;
using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Gtid;
using DetSim.Replication.Server;

namespace DetSim.Replication.Replica;

/// <summary>
/// The receiver (I/O) thread (sql/rpl_replica.cc handle_slave_io): connects to the source's dump
/// thread, writes what arrives to the relay log, and, as a semi-sync replica, acknowledges the end of
/// each transaction the source flagged once it is written (synced only if sync_relay_log=1:
/// MYSQL-FACTS §4.3). Reconnects when the source falls silent for replica_net_timeout.
/// </summary>
internal sealed class Receiver
{
    public const string SourceInfoFile = "master.info";
    private readonly IReceiverHost _server;
    private long _eventsSinceSync;
    private long _eventsSinceInfoSync;
    private Gtid.Gtid? _currentGtid;
    private SimTime _lastHeard;
    private Connection? _connection;
    private BinlogCoordinates? _streamAt;

    internal Receiver(IReceiverHost server, ReplicaSource source)
    {
        _server = server;
        Source = source;
        SourceCoordinates = source.Start;
    }

    public ReplicaSource Source { get; private set; }
    public ReplicaThreadState State { get; private set; } = ReplicaThreadState.Stopped;
    public long ConnectionId { get; private set; }
    public int SourceNode { get; private set; } = -1;

    /// <summary>Source_Log_File / Read_Source_Log_Pos: where the next event comes from.</summary>
    public BinlogCoordinates SourceCoordinates { get; private set; }

    /// <summary>RECEIVED_TRANSACTION_SET.</summary>
    public GtidSet Received { get; private set; } = new();

    /// <summary>
    /// clock_diff_with_master: this server's clock minus the source's, in seconds, measured once per
    /// connection (get_source_version_and_clock reads SELECT UNIX_TIMESTAMP() there, sql/rpl_replica.cc);
    /// here from the source's clock on the fake Rotate that starts the stream.
    /// </summary>
    public long ClockDiffSeconds { get; private set; }

    private bool _clockMeasured;

    public int LastIoErrno { get; private set; }
    public string LastIoError { get; private set; } = "";

    public void Start()
    {
        SourceNode = _server.Context.Lookup(Source.SourceName);
        if (SourceNode < 0)
        {
            Fail(13117, $"Fatal error: source '{Source.SourceName}' does not exist");
            return;
        }
        ConnectionId = _server.NextConnectionId();
        State = ReplicaThreadState.Connecting;
        _clockMeasured = false;
        LastIoErrno = 0;
        LastIoError = "";
        _lastHeard = _server.Context.Now;
        _streamAt = null;
        GtidSet? gtids = null;
        if (Source.AutoPosition)
        {
            gtids = _server.GtidExecuted.Clone();
            gtids.UnionWith(Received);
            // MariaDB's MASTER_USE_GTID=slave_pos asks from what this server replicated
            // (gtid_slave_pos), leaving out its own transactions; current_pos includes them.
            if (_server.Options.Flavor == Flavor.MariaDb1011 && !Source.CurrentPos) gtids = gtids.Subtract(OwnOnly(gtids));
        }
        _connection = _server.Context.Connect(SourceNode);
        _server.Context.Send(_connection.Value, new DumpRequest(ConnectionId, _server.ServerId, _server.Uuid, Source.AutoPosition, SourceCoordinates, gtids, _server.Options.ReplicaSemiSync));
        // connect_to_source sets MYSQL_OPT_CONNECT_TIMEOUT and READ_TIMEOUT to replica_net_timeout (sql/rpl_replica.cc).
        _server.SetTimer(_server.Options.ReplicaNetTimeout, TimerKind.ReceiverTimeout, ConnectionId);
    }

    public void Stop()
    {
        State = ReplicaThreadState.Stopped;
        Disconnect();
        ConnectionId = _server.NextConnectionId(); // timers armed for the old connection are ignored
    }

    public void OnPacket(Connection from, BinlogPacket packet)
    {
        if (from != _connection || State is ReplicaThreadState.Stopped or ReplicaThreadState.Error) return;
        Follow(packet.After, packet.Events[^1].Event is RotateEvent r ? new BinlogCoordinates(r.NextFile, 4) : packet.Events[^1].End);
        State = ReplicaThreadState.Running;
        if (!_clockMeasured && packet.Events[0].Event is RotateEvent start)
        {
            ClockDiffSeconds = _server.Context.Now.Micros / 1_000_000 - start.Timestamp.Micros / 1_000_000;
            _clockMeasured = true;
        }
        _lastHeard = _server.Context.Now;
        if (packet.Events[0].Event is GtidEvent own && own.ServerId == _server.ServerId)
        {
            // The receiver drops transactions that carry its own server_id (replicate_same_server_id=0),
            // which is what stops a circular (active-active) topology from applying its own writes again.
            SourceCoordinates = packet.Events[^1].End;
            if (own.Gtid is { } g) Received.Add(g);
            if (packet.NeedsAck && _server.Options.ReplicaSemiSync)
                _server.Context.Send(from, new SemiSyncAck(ConnectionId, _server.ServerId, packet.Events[^1].End));
            return;
        }
        for (int k = 0; k < packet.Events.Count; k++) // indexed: a foreach over the interface boxed an enumerator per packet
        {
            LoggedEvent e = packet.Events[k];
            // queue_event: a Rotate rotates the relay log first (process_io_rotate, sql/rpl_replica.cc).
            if (e.Event is RotateEvent && _server.AtCrashPoint(CrashPointCatalog.BeforeRotateRelayLog)) return;
            _server.Relay.Append(e);
            SourceCoordinates = e.Event is RotateEvent r2 ? new BinlogCoordinates(r2.NextFile, r2.Position) : e.End;
            if (e.Event is GtidEvent g)
            {
                Invariant.That(_currentGtid is null, "a transaction in the relay log begins only after the previous one ended");
                _currentGtid = g.Gtid;
            }
            if (DumpThread.EndsTransaction(e.Event) && _currentGtid is { } done)
            {
                Received.Add(done);
                _currentGtid = null;
            }
            if (++_eventsSinceSync >= _server.Options.SyncRelayLog)
            {
                _server.Relay.Sync();
                _eventsSinceSync = 0;
            }
        }
        // queue_event wrote the events (write_buffer) and has not yet flushed master.info.
        if (DumpThread.EndsTransaction(packet.Events[^1].Event) && _server.AtCrashPoint(CrashPointCatalog.ReceiverAfterQueue)) return;
        SaveSourceInfo();
        if (packet.NeedsAck && _server.Options.ReplicaSemiSync)
            _server.Context.Send(from, new SemiSyncAck(ConnectionId, _server.ServerId, packet.Events[^1].End));
        _server.Applier.Kick();
    }

    public void OnHeartbeat(Connection from, Heartbeat heartbeat)
    {
        if (from != _connection || State is ReplicaThreadState.Stopped or ReplicaThreadState.Error) return;
        Follow(heartbeat.After, heartbeat.SourceEnd);
        State = ReplicaThreadState.Running;
        _lastHeard = _server.Context.Now;
        // The heartbeat carries the sender's position; between transactions the receiver adopts it.
        if (_currentGtid is null && heartbeat.SourceEnd > SourceCoordinates) SourceCoordinates = heartbeat.SourceEnd;
    }

    public void OnDumpError(Connection from, DumpError error)
    {
        if (from != _connection) return;
        // MySQL 8.0 wraps the source's 1236 as ER_SERVER_SOURCE_FATAL_ERROR_READING_BINLOG (13114); MariaDB shows 1236 (MYSQL-FACTS §5.3).
        int code = _server.Options.Flavor == Flavor.MySql80 ? 13114 : 1236;
        Disconnect();
        Fail(code, $"Got fatal error {error.Code} from {(_server.Options.Flavor == Flavor.MySql80 ? "source" : "master")} when reading data from binary log: '{error.Message}'");
    }

    /// <summary>
    /// The connection broke. A lost connection is retried at once; a connect that fails is retried
    /// every SOURCE_CONNECT_RETRY seconds (connect_to_source's loop in sql/rpl_replica.cc).
    /// </summary>
    public void OnDisconnected(Connection connection, CloseReason reason)
    {
        if (connection != _connection || State is ReplicaThreadState.Stopped or ReplicaThreadState.Error) return;
        _connection = null;
        bool connected = State == ReplicaThreadState.Running;
        Reconnect(connected ? Duration.FromMicros(1) : _server.Options.ConnectRetry,
            connected ? $"lost connection to source '{Source.SourceName}' ({Text(reason)}); reconnecting"
                      : $"error connecting to source '{Source.SourceName}' ({Text(reason)}); retry in {_server.Options.ConnectRetry}");
    }

    public void OnTimeout(long connectionId)
    {
        if (connectionId != ConnectionId || State is ReplicaThreadState.Stopped or ReplicaThreadState.Error) return;
        Duration silent = _server.Context.Now - _lastHeard;
        if (silent >= _server.Options.ReplicaNetTimeout)
        {
            bool connected = State == ReplicaThreadState.Running;
            Disconnect();
            Reconnect(connected ? Duration.FromMicros(1) : _server.Options.ConnectRetry,
                connected ? $"no data from '{Source.SourceName}' for {silent}; reconnecting"
                          : $"connecting to '{Source.SourceName}' timed out after {silent}; retry in {_server.Options.ConnectRetry}");
            return;
        }
        _server.SetTimer(_server.Options.ReplicaNetTimeout - silent, TimerKind.ReceiverTimeout, ConnectionId);
    }

    public void OnRetry(long connectionId)
    {
        if (connectionId != ConnectionId || State != ReplicaThreadState.Connecting) return;
        Start();
    }

    private void Reconnect(Duration after, string why)
    {
        _server.Note("receiver: " + why);
        ConnectionId = _server.NextConnectionId();
        State = ReplicaThreadState.Connecting;
        _clockMeasured = false;
        _server.SetTimer(after, TimerKind.ReceiverRetry, ConnectionId);
    }

    private void Disconnect()
    {
        if (_connection is { } c) _server.Context.Close(c);
        _connection = null;
    }

    /// <summary>A connection is a stream: each message starts where the previous one ended.</summary>
    private void Follow(BinlogCoordinates after, BinlogCoordinates end)
    {
        if (_streamAt is { } at) Invariant.That(after == at, $"the replication stream from '{Source.SourceName}' continues at {at}, not {after}");
        _streamAt = end;
    }

    private static string Text(CloseReason reason) => reason switch
    {
        CloseReason.Reset => "reset by peer",
        CloseReason.Refused => "connection refused",
        CloseReason.TimedOut => "timed out",
        _ => "closed by source",
    };

    private GtidSet OwnOnly(GtidSet set)
    {
        var own = new GtidSet();
        foreach (Gtid.GtidInterval iv in set.IntervalsOf(_server.Uuid)) own.AddInterval(_server.Uuid, iv.Start, iv.End);
        return own;
    }

    /// <summary>Repositions after relay_log_recovery or a restart: continue from where the applier (or the relay log) stands.</summary>
    public void Reposition(BinlogCoordinates coordinates, GtidSet received)
    {
        SourceCoordinates = coordinates;
        Received = received;
    }

    /// <summary>
    /// Connection metadata. FILE (master.info): rewritten after each packet, synced every
    /// sync_source_info packets (Rpl_info_file::do_flush_info). TABLE (mysql.slave_master_info): the
    /// row is updated only every sync_source_info packets and durably (Rpl_info_table::do_flush_info
    /// returns early otherwise), so after any crash it may name an older position than the relay log holds.
    /// </summary>
    private void SaveSourceInfo()
    {
        SimFile f = _server.Context.Disk.OpenOrCreate(SourceInfoFile);
        bool due = ++_eventsSinceInfoSync >= _server.Options.SyncRelayLogInfo;
        if (_server.Options.PositionInTable && !due) return;
        f.Overwrite(new SourceInfo(Source, SourceCoordinates), 64);
        if (due)
        {
            f.Fsync();
            _eventsSinceInfoSync = 0;
        }
    }

    private void Fail(int code, string message)
    {
        State = ReplicaThreadState.Error;
        LastIoErrno = code;
        LastIoError = message;
        _server.Note($"receiver error {code}: {message}");
    }
}

/// <summary>What master.info holds.</summary>
internal sealed record SourceInfo(ReplicaSource Source, BinlogCoordinates Coordinates);
