using DetSim.Core;
using DetSim.Core.Faults;
using DetSim.Core.Settings;

// The records keep the namespace they had in Scenarios/ReplicationFaults.cs, so code naming them compiles unchanged.
namespace DetSim.Replication.Scenarios;

/// <summary>FLUSH BINARY LOGS on a server (RM80 flush.html): close the current binlog file and open the next.</summary>
public sealed record RotateBinlogFault(string Server) : Fault
{
    public override IEnumerable<string> Nodes => [Server];
    public override string Describe() => $"flush-binary-logs {Server}";
    protected override void Apply(Simulation simulation) => simulation.GetService<ClusterControl>().Server(Server)?.FlushBinaryLogs();
}

/// <summary><c>rotate: s1</c>.</summary>
public sealed class RotateBinlogKind : FaultKind
{
    public override string Name => "rotate";
    public override string Description => "FLUSH BINARY LOGS on a server";
    public override FaultShape Shape => FaultShape.Server;
    public override Fault Build(IFaultArgs args) => new RotateBinlogFault(args.Server());
}
