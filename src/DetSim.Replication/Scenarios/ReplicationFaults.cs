using DetSim.Core;
using DetSim.Core.Faults;

namespace DetSim.Replication.Scenarios;

// Fault-plan steps that act on MySQL itself rather than on nodes and links.

/// <summary>Runs the cluster's failover procedure now (a DBA or a tool deciding the source is gone).</summary>
public sealed record FailoverFault : Fault
{
    public override IEnumerable<string> Nodes => [];
    public override string Describe() => "failover";
    protected override void Apply(Simulation simulation) => simulation.GetService<ClusterControl>().RunFailover();
}

/// <summary>PURGE BINARY LOGS on a server, keeping its newest <see cref="KeepLast"/> files.</summary>
public sealed record PurgeBinaryLogsFault(string Server, int KeepLast = 1) : Fault
{
    public override IEnumerable<string> Nodes => [Server];
    public override string Describe() => $"purge-binary-logs {Server} keep {KeepLast}";
    protected override void Apply(Simulation simulation) => simulation.GetService<ClusterControl>().Server(Server)?.PurgeBinaryLogsKeepingLast(KeepLast);
}

/// <summary>FLUSH BINARY LOGS on a server.</summary>
public sealed record RotateBinlogFault(string Server) : Fault
{
    public override IEnumerable<string> Nodes => [Server];
    public override string Describe() => $"flush-binary-logs {Server}";
    protected override void Apply(Simulation simulation) => simulation.GetService<ClusterControl>().Server(Server)?.FlushBinaryLogs();
}

/// <summary>A statement a DBA runs directly on a server (on a replica: an errant transaction).</summary>
public sealed record AdminSqlFault(string Server, string Sql) : Fault
{
    public override IEnumerable<string> Nodes => [Server];
    public override string Describe() => $"sql {Server}: {Sql}";
    protected override void Apply(Simulation simulation) => simulation.GetService<ClusterControl>().Server(Server)?.ExecuteAdmin(Sql);
}

/// <summary>CHANGE REPLICATION SOURCE TO on a server (a DBA re-pointing it; a crashed old source rejoining as a replica).</summary>
public sealed record ChangeSourceFault(string Server, string Source, bool AutoPosition = true) : Fault
{
    public override IEnumerable<string> Nodes => [Server, Source];
    public override string Describe() => $"change-source {Server} -> {Source}{(AutoPosition ? " (auto-position)" : "")}";

    protected override void Apply(Simulation simulation)
    {
        ClusterControl cluster = simulation.GetService<ClusterControl>();
        if (cluster.Server(Server) is not { } server) return;
        server.SetReadOnly(true);
        server.ChangeReplicationSource(AutoPosition ? Replica.ReplicaSource.ByGtid(Source) : Replica.ReplicaSource.ByPosition(Source, new Binlog.BinlogCoordinates("binlog.000001", 4)));
    }
}
