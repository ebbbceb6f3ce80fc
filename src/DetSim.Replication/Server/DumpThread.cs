using DetSim.Core;
using DetSim.Core.Disk;
using DetSim.Core.Network;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Gtid;

namespace DetSim.Replication.Server;

/// <summary>
/// A source's dump thread for one connected replica (sql/rpl_binlog_sender.cc): checks where the
/// replica asked to start, then streams every transaction from there up to the published binlog end
/// (binlog_end_pos), one packet per transaction, flagging the last packet for a semi-sync ACK.
/// With auto-positioning it skips transactions the replica already has.
/// </summary>
internal sealed class DumpThread
{
    private readonly IDumpHost _server;
    private BinlogCoordinates _cursor;
    private BinlogCoordinates _lastSent = BinlogCoordinates.None;
    private readonly GtidSet? _replicaGtids;

    private DumpThread(IDumpHost server, Connection connection, DumpRequest request, BinlogCoordinates start)
    {
        _server = server;
        Connection = connection;
        Request = request;
        _cursor = start;
        _replicaGtids = request.AutoPosition ? request.ReplicaGtids?.Clone() : null;
    }

    /// <summary>The replica's replication connection: packets go out on it, ACKs come back on it.</summary>
    public Connection Connection { get; }
    public DumpRequest Request { get; }
    public uint ReplicaServerId => Request.ServerId;
    public BinlogCoordinates Cursor => _cursor;

    /// <summary>Validates the request as check_start_file does; returns the thread, or an error (1236) to send back.</summary>
    internal static DumpThread? Open(IDumpHost server, Connection connection, DumpRequest request, out DumpError? error)
    {
        error = null;
        BinaryLog log = server.Binlog;
        if (request.AutoPosition)
        {
            if (!server.Options.GtidMode)
            {
                error = Fatal(request, "The replication receiver thread cannot start in AUTO_POSITION mode: this server has GTID_MODE = OFF.");
                return null;
            }
            GtidSet replica = request.ReplicaGtids ?? new GtidSet();
            // 1. The replica must not have GTIDs of this server's UUID that this server neither
            // executed nor owns: transactions still in the commit pipeline count (AFTER_SYNC ships
            // them before they commit). Binlog_sender::check_start_file, gtid_executed_and_owned.
            GtidSet ours = new();
            foreach (GtidInterval iv in replica.IntervalsOf(server.Uuid)) ours.AddInterval(server.Uuid, iv.Start, iv.End);
            GtidSet executedAndOwned = server.GtidExecuted.Clone();
            executedAndOwned.UnionWith(server.OwnedGtids);
            if (server.Options.Flavor == Flavor.MariaDb1011
                && (MariaDbStartError(server, ours, executedAndOwned) ?? MariaDbOwnPositionError(request, replica, executedAndOwned)) is { } mariaError)
            {
                error = Fatal(request, mariaError);
                return null;
            }
            if (server.Options.Flavor == Flavor.MySql80 && !ours.IsSubsetOf(executedAndOwned))
            {
                error = Fatal(request, "Replica has more GTIDs than the source has, using the source's SERVER_UUID. This may indicate that the the last binary log file was truncated or lost, e.g., after a power failure when sync_binlog != 1. The source may have rolled back transactions that were already replicated to the replica. Suggest to replicate any transactions that source has rolled back from replica to source, and/or commit empty transactions on source to account for transactions that have been committed on source but are not included in GTID_EXECUTED.");
                return null;
            }
            // 2. Everything purged from this source's binlogs must already be on the replica.
            GtidSet missing = log.Purged.Subtract(replica);
            if (!missing.IsEmpty)
            {
                // MariaDB's text (sql/sql_repl.cc gtid_find_binlog_file; pinned by the conformance test ReplicationTests against 10.11.19).
                error = server.Options.Flavor == Flavor.MariaDb1011
                    ? Fatal(request, "Could not find GTID state requested by slave in any binlog files. Probably the slave state is too old and required binlog files have been purged.")
                    : Fatal(request, $"Cannot replicate because the source purged required binary logs. Replicate the missing transactions from elsewhere, or provision a new replica from backup. Consider increasing the source's binary log expiration period. The GTID set sent by the replica is '{replica}', and the missing transactions are '{missing}'");
                return null;
            }
            // Start at the newest file whose Previous_gtids the replica already has.
            string startFile = log.Files[0];
            for (int i = log.Files.Count - 1; i >= 0; i--)
            {
                if (log.PreviousGtidsOf(log.Files[i]).IsSubsetOf(replica)) { startFile = log.Files[i]; break; }
            }
            return new DumpThread(server, connection, request, new BinlogCoordinates(startFile, 4));
        }
        string? problem = log.CheckStart(request.Start);
        if (problem is not null)
        {
            error = Fatal(request, problem);
            return null;
        }
        return new DumpThread(server, connection, request, request.Start);
    }

    /// <summary>Sends every complete transaction between the cursor and the published end.</summary>
    private readonly List<LoggedEvent> _packet = new();

    public void Pump()
    {
        if (_server.Dying) return; // another dump thread's crash point fired in this step
        BinlogCoordinates end = _server.PublishedEnd;
        List<LoggedEvent> packet = _packet; // one list for every pump: a packet leaves as an array of its own
        packet.Clear();
        BinlogCoordinates packetStart = _cursor;
        bool progress = true;
        while (progress)
        {
            progress = false;
            SimFile? file = _server.Binlog.Locate(_cursor.File, _cursor.Position, out int first);
            for (int i = first; file is not null && BinaryLog.EventAt(file, i) is { } e; i++)
            {
                if (e.End > end) break; // written but not yet published (sync_binlog=1: not yet synced)
                if (packet.Count == 0) packetStart = e.Start;
                _cursor = e.End;
                progress = true;
                if (e.Event is FormatDescriptionEvent or PreviousGtidsEvent) continue; // the receiver writes its own headers
                if (e.Event is RotateEvent r)
                {
                    packet.Add(e);
                    Send(packet, needsAck: false);
                    _cursor = new BinlogCoordinates(r.NextFile, 4);
                    break;
                }
                packet.Add(e);
                if (EndsTransaction(e.Event) && !Send(packet, needsAck: Request.SemiSync && _server.SemiSync.Enabled)) return;
            }
            if (!progress && packet.Count == 0 && _server.Binlog.NextFile(_cursor.File) is { } next)
            {
                // A file that ended without a Rotate event (the server crashed while writing it):
                // move on to the next file with a fake rotate, as the binlog sender does.
                var fake = new RotateEvent(next) { ServerId = _server.ServerId, Timestamp = _server.Context.Now };
                Send([new LoggedEvent(_cursor.File, _cursor.Position, _cursor.Position, fake)], needsAck: false);
                _cursor = new BinlogCoordinates(next, 4);
                progress = true;
            }
        }
        // A transaction only partly published is sent whole later.
        if (packet.Count > 0) _cursor = packetStart;
        else if (_cursor > _lastSent) SendHeartbeat(); // tell the receiver how far it is, past skipped or header-only stretches
    }

    /// <summary>
    /// Binlog_sender::run starts every file it sends with a fake Rotate naming the file and position
    /// (sql/rpl_binlog_sender.cc, fake_rotate_event), so a replica's relay log marks where a new
    /// stream begins and its multi-threaded applier waits there for its workers.
    /// </summary>
    public void SendStartRotate()
    {
        var fake = new RotateEvent(_cursor.File, _cursor.Position) { ServerId = _server.ServerId, Timestamp = _server.Context.Now };
        Send([new LoggedEvent(_cursor.File, _cursor.Position, _cursor.Position, fake)], needsAck: false);
    }

    public void SendHeartbeat()
    {
        Invariant.That(_lastSent.IsNone || _cursor >= _lastSent, "a dump thread never moves back in the binlog");
        _server.Context.Send(Connection, new Heartbeat(Request.ConnectionId, _lastSent, _cursor));
        _lastSent = _cursor;
    }

    /// <summary>Sends the packet unless the replica has its GTID; false when a crash point killed the server here (the caller stops).</summary>
    private bool Send(List<LoggedEvent> packet, bool needsAck)
    {
        if (packet.Count == 0) return true;
        bool skip = _replicaGtids is not null && packet[0].Event is GtidEvent { Gtid: { } g } && _replicaGtids.Contains(g);
        if (!skip)
        {
            Invariant.That(_lastSent.IsNone || packet[0].Start >= _lastSent, "a dump thread sends each event once, in binlog order");
            bool trx = EndsTransaction(packet[^1].Event);
            // The transmit hooks run only for a semi-sync replica (m_observe_transmission, sql/rpl_binlog_sender.cc).
            if (trx && Request.SemiSync && _server.AtCrashPoint(CrashPointCatalog.BinlogTransmitHook)) return false;
            _server.Context.Send(Connection, new BinlogPacket(Request.ConnectionId, _lastSent, packet.ToArray(), needsAck));
            _lastSent = packet[^1].Event is RotateEvent r ? new BinlogCoordinates(r.NextFile, 4) : packet[^1].End;
            if (trx && _server.AtCrashPoint(CrashPointCatalog.DumpAfterSend)) return false;
        }
        packet.Clear();
        return true;
    }

    public static bool EndsTransaction(BinlogEvent e) => e is XidEvent || (e is QueryEvent q && !q.IsBegin && IsDdl(q.Sql));

    public static bool IsDdl(string sql) =>
        sql.StartsWith("CREATE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("DROP", StringComparison.OrdinalIgnoreCase)
        || sql.StartsWith("ALTER", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("TRUNCATE", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// MariaDB checks the replica's last GTID of each domain, not the whole set (sql/sql_repl.cc
    /// check_slave_start_position): missing from this server's binlog, it is
    /// ER_GTID_POSITION_NOT_FOUND_IN_BINLOG (1945) when nothing later exists, else
    /// ER_GTID_POSITION_NOT_FOUND_IN_BINLOG2 (1955, "diverged"); both reach the replica as 1236 with
    /// these texts (send_one_binlog_file's error_text; 1945 checked against a real 10.11.19).
    /// GTIDs are shown as MariaDB's domain-server-seq: domain 0, this server's server_id.
    /// </summary>
    private static string? MariaDbStartError(IDumpHost server, GtidSet ours, GtidSet executedAndOwned)
    {
        IReadOnlyList<GtidInterval> wanted = ours.IntervalsOf(server.Uuid);
        if (wanted.Count == 0) return null;
        long last = wanted[^1].End;
        if (executedAndOwned.Contains(server.Uuid, last)) return null;
        IReadOnlyList<GtidInterval> have = executedAndOwned.IntervalsOf(server.Uuid);
        string text = $"Error: connecting slave requested to start from GTID 0-{server.ServerId}-{last}, which is not in the master's binlog";
        return have.Count > 0 && have[^1].End > last
            ? text + ". Since the master's binlog contains GTIDs with higher sequence numbers, it probably means that the slave has diverged due to executing extra erroneous transactions"
            : text;
    }

    /// <summary>
    /// MASTER_USE_GTID=current_pos from a replica whose newest GTID is its own local write: that
    /// GTID is its position in the domain, and this server's binlog does not have it (the same 1945
    /// / 1955 texts, with the replica's server_id; sql/sql_repl.cc check_slave_start_position).
    /// </summary>
    private static string? MariaDbOwnPositionError(DumpRequest request, GtidSet replica, GtidSet executedAndOwned)
    {
        if (replica.Last() is not { } last || last.SourceId != request.ServerUuid || executedAndOwned.Contains(last)) return null;
        string text = $"Error: connecting slave requested to start from GTID 0-{request.ServerId}-{last.Gno}, which is not in the master's binlog";
        return executedAndOwned.Last() is { } newest && newest.Gno > last.Gno
            ? text + ". Since the master's binlog contains GTIDs with higher sequence numbers, it probably means that the slave has diverged due to executing extra erroneous transactions"
            : text;
    }

    private static DumpError Fatal(DumpRequest request, string message) => new(request.ConnectionId, 1236, message);
}
