using DetSim.Core;
using DetSim.Core.Faults;
using DetSim.Core.Settings;

// The records keep the namespace they had in Scenarios/ReplicationFaults.cs, so code naming them compiles unchanged.
namespace DetSim.Replication.Scenarios;

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

/// <summary><c>change_source: { server: s1, source: r1, auto_position: true }</c> (RM80 change-replication-source-to.html).</summary>
public sealed class ChangeSourceKind : FaultKind
{
    public static readonly Setting<string> Server = Declare.Server("server", "the server to re-point");
    public static readonly Setting<string> Source = Declare.Server("source", "its new source");
    public static readonly Setting<bool> AutoPosition = Declare.Bool("auto_position", true, "SOURCE_AUTO_POSITION=1");

    public override string Name => "change_source";
    public override string Description => "CHANGE REPLICATION SOURCE TO on a server (read_only on; a crashed old source rejoining)";
    public override FaultShape Shape => FaultShape.Map;
    public override IReadOnlyList<Setting> Fields => [Server, Source, AutoPosition];
    public override Fault Build(IFaultArgs args) => new ChangeSourceFault(args.Server(Server), args.Server(Source), args.Get(AutoPosition));
}
