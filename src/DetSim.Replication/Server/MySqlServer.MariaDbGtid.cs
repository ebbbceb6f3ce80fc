using DetSim.Core.Disk;
using DetSim.Replication.Gtid;

namespace DetSim.Replication.Server;

/// <summary>MariaDB's GTID positions of one server, each domain-server-seq or empty (domain 0 only).</summary>
public sealed record MariaDbGtidPositions(string BinlogPos, string SlavePos, string CurrentPos);

// MariaDB's view of the model's GTIDs: domain 0, the originating server_id, the seq_no (the GNO).
public sealed partial class MySqlServer
{
    private const string GtidOriginsFile = "gtid-origins";
    private SortedDictionary<string, uint> _gtidOrigins = new(StringComparer.Ordinal);

    private void LoadGtidOrigins(SimDisk disk)
    {
        if (Options.Flavor != Flavor.MariaDb1011) return;
        SimFile? f = disk.TryOpen(GtidOriginsFile);
        _gtidOrigins = f is { Chunks.Count: > 0 } && f.Chunks[^1].Value is SortedDictionary<string, uint> saved
            ? new SortedDictionary<string, uint>(saved, StringComparer.Ordinal)
            : new SortedDictionary<string, uint>(StringComparer.Ordinal);
        NoteGtidOrigin(Uuid, ServerId);
    }

    /// <summary>
    /// Remembers which server_id a GTID source writes as, durably: MariaDB's GTID carries it and
    /// mysql.gtid_slave_pos stores it with each applied transaction.
    /// </summary>
    internal void NoteGtidOrigin(string sourceId, uint serverId)
    {
        if (_gtidOrigins.TryGetValue(sourceId, out uint known) && known == serverId) return;
        _gtidOrigins[sourceId] = serverId;
        SimFile f = Context.Disk.OpenOrCreate(GtidOriginsFile);
        f.Overwrite(new SortedDictionary<string, uint>(_gtidOrigins, StringComparer.Ordinal), 16 * _gtidOrigins.Count);
        f.Fsync();
    }

    /// <summary>A model GTID in MariaDB's words.</summary>
    public string MariaDbGtid(Gtid.Gtid g) => $"0-{(_gtidOrigins.TryGetValue(g.SourceId, out uint id) ? id : 0)}-{g.Gno}";

    /// <summary>
    /// @@gtid_binlog_pos, @@gtid_slave_pos and @@gtid_current_pos (MariaDB KB "Global Transaction
    /// ID"; sql/rpl_gtid.cc). binlog_pos: the last GTID in this server's binlog, which holds what it
    /// replicated only with log_slave_updates. slave_pos: the last GTID its SQL thread applied
    /// (mysql.gtid_slave_pos): every GTID another server originated. current_pos: binlog_pos when
    /// that is this server's own (its server_id) and newer than slave_pos, else slave_pos.
    /// </summary>
    public MariaDbGtidPositions MariaDbGtids()
    {
        if (!Options.GtidMode) return new MariaDbGtidPositions("", "", "");
        Gtid.Gtid? binlog = Options.LogReplicaUpdates ? GtidExecuted.Last() : GtidExecuted.Last(id => id == Uuid);
        Gtid.Gtid? slave = GtidExecuted.Last(id => id != Uuid);
        bool ownNewer = binlog is { } b && b.SourceId == Uuid && (slave is not { } sl || b.Gno > sl.Gno);
        Gtid.Gtid? current = ownNewer ? binlog : slave;
        return new MariaDbGtidPositions(Show(binlog), Show(slave), Show(current));
        string Show(Gtid.Gtid? g) => g is { } x ? MariaDbGtid(x) : "";
    }
}
