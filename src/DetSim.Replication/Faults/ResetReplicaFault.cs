using DetSim.Core;
using DetSim.Core.Faults;

// The records keep the namespace of the other MySQL fault records, so code naming them needs one using.
namespace DetSim.Replication.Scenarios;

/// <summary>
/// STOP REPLICA; RESET REPLICA ALL on a server (RM80 reset-replica.html): it forgets its source, its
/// relay logs and its connection settings, and keeps its data and gtid_executed. What a DBA does to
/// detach a replica or to finish a manual promotion; on a replica still in the topology it silently
/// stops receiving, so nothing it lacks will ever arrive.
/// </summary>
public sealed record ResetReplicaFault(string Server) : Fault
{
    public override IEnumerable<string> Nodes => [Server];
    public override string Describe() => $"reset-replica-all {Server}";
    protected override void Apply(Simulation simulation) => simulation.GetService<ClusterControl>().Server(Server)?.ResetReplicaAll();
}

/// <summary><c>reset_replica: r1</c>.</summary>
public sealed class ResetReplicaKind : FaultKind
{
    public override string Name => "reset_replica";
    public override string Description => "STOP REPLICA; RESET REPLICA ALL on a server: it stops replicating and forgets its source (data and gtid_executed stay)";
    public override FaultShape Shape => FaultShape.Server;
    public override Fault Build(IFaultArgs args) => new ResetReplicaFault(args.Server());
}
