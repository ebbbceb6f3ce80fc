using DetSim.Core.Nodes;
using DetSim.Replication.Semisync;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Scenarios;

/// <summary>A server at the end of a run. Data fields are null when the server is down.</summary>
public sealed record ServerSnapshot(
    string Name,
    NodeStatus Status,
    bool IsSource,
    string? ConfiguredSource,
    IReadOnlyDictionary<string, IReadOnlyList<Value[]>>? Tables,
    string? GtidExecuted,
    ReplicaStatus? Replica,
    long BinlogBytes,
    int BinlogFiles,
    SemiSyncCounters? SemiSync,
    bool ReadOnly)
{
    public bool Alive => Status == NodeStatus.Up;

    /// <summary>server_uuid (known even when the server is down).</summary>
    public string Uuid { get; init; } = "";

    /// <summary>
    /// How many times this server's applier committed each replicated transaction over the whole run,
    /// crashes included (GTID, or source:file:end position without GTIDs). Empty when not recorded.
    /// </summary>
    public IReadOnlyDictionary<string, int> Applied { get; init; } = new Dictionary<string, int>();

    /// <summary>Transactions this server's applier started executing again after it had already committed them (each once, in order).</summary>
    public IReadOnlyList<string> ExecutedAfterCommit { get; init; } = [];

    /// <summary>MariaDB's gtid_binlog_pos, gtid_slave_pos and gtid_current_pos (null in the MySQL flavour).</summary>
    public MariaDbGtidPositions? MariaDbGtids { get; init; }

    public static ServerSnapshot Of(string name, NodeStatus status, MySqlServer? server, bool isSource)
    {
        if (server is null) return new ServerSnapshot(name, status, isSource, null, null, null, null, 0, 0, null, false);
        var tables = new SortedDictionary<string, IReadOnlyList<Value[]>>(StringComparer.Ordinal);
        foreach (Table t in server.Tables) tables[t.Schema.Name] = t.Rows.ToArray();
        return new ServerSnapshot(name, status, isSource, server.Source?.SourceName, tables, server.GtidExecuted.ToString(),
            server.GetReplicaStatus(), server.BinlogBytes, server.BinlogFiles.Count, server.SemiSyncStatus, server.ReadOnly)
        {
            MariaDbGtids = server.Options.Flavor == Flavor.MariaDb1011 ? server.MariaDbGtids() : null,
        };
    }
}
