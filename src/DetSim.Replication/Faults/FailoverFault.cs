using DetSim.Core;
using DetSim.Core.Faults;
using DetSim.Core.Settings;

// The records keep the namespace they had in Scenarios/ReplicationFaults.cs, so code naming them compiles unchanged.
namespace DetSim.Replication.Scenarios;

/// <summary>Runs the cluster's failover procedure now (a DBA or a tool deciding the source is gone).</summary>
public sealed record FailoverFault : Fault
{
    public override IEnumerable<string> Nodes => [];
    public override string Describe() => "failover";
    protected override void Apply(Simulation simulation) => simulation.GetService<ClusterControl>().RunFailover();
}

/// <summary><c>failover: {}</c>: the settings come from the spec's <c>failover:</c> block.</summary>
public sealed class FailoverKind : FaultKind
{
    public override string Name => "failover";
    public override string Description => "run the failover procedure now (settings from `failover`)";
    public override FaultShape Shape => FaultShape.Map;
    public override Fault Build(IFaultArgs args) => new FailoverFault();
}
