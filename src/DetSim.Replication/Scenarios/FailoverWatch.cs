using DetSim.Core.Time;
using DetSim.Replication.Failover;

namespace DetSim.Replication.Scenarios;

/// <summary>One server as the harness saw it when a failover began (null data: the server was down).</summary>
public sealed record ServerAtFailover(string Name, string Uuid, bool Up, string? GtidExecuted, bool ReadOnly, string? ConfiguredSource);

/// <summary>The cluster at the moment a failover procedure was started, read from the servers themselves.</summary>
public sealed record FailoverSnapshot(SimTime At, string? Source, IReadOnlyList<ServerAtFailover> Servers);

/// <summary>
/// Wraps the failover procedure so the checkers can judge it from the servers' own state (their
/// gtid_executed when it started) rather than from what the tool reports about itself.
/// </summary>
public sealed class FailoverWatch(IFailoverProcedure inner) : IFailoverProcedure
{
    private readonly List<FailoverSnapshot> _snapshots = new();

    public IReadOnlyList<FailoverSnapshot> Snapshots => _snapshots;

    public void Run(ClusterControl cluster)
    {
        var servers = new List<ServerAtFailover>();
        foreach (string name in cluster.ServerNames)
        {
            var s = cluster.Server(name);
            servers.Add(new ServerAtFailover(name, cluster.UuidOf(name), s is not null, s?.GtidExecuted.ToString(), s?.ReadOnly ?? false, s?.Source?.SourceName));
        }
        _snapshots.Add(new FailoverSnapshot(cluster.Now, cluster.Directory.Source, servers));
        inner.Run(cluster);
    }
}
