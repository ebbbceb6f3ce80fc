using DetSim.Core;
using DetSim.Core.Faults;
using DetSim.Core.Settings;

// The records keep the namespace they had in Scenarios/ReplicationFaults.cs, so code naming them compiles unchanged.
namespace DetSim.Replication.Scenarios;

/// <summary>PURGE BINARY LOGS on a server, keeping its newest <see cref="KeepLast"/> files (RM80 purge-binary-logs.html).</summary>
public sealed record PurgeBinaryLogsFault(string Server, int KeepLast = 1) : Fault
{
    public override IEnumerable<string> Nodes => [Server];
    public override string Describe() => $"purge-binary-logs {Server} keep {KeepLast}";
    protected override void Apply(Simulation simulation) => simulation.GetService<ClusterControl>().Server(Server)?.PurgeBinaryLogsKeepingLast(KeepLast);
}

/// <summary><c>purge_binary_logs: { server: s1, keep: 1 }</c>.</summary>
public sealed class PurgeBinaryLogsKind : FaultKind
{
    public static readonly Setting<int> Keep = Declare.Int("keep", 1, 1, 1_000_000, "files to keep");

    public override string Name => "purge_binary_logs";
    public override string Description => "PURGE BINARY LOGS keeping the newest files";
    public override FaultShape Shape => FaultShape.Map;
    public override IReadOnlyList<Setting> Fields => [FaultFields.Server, Keep];
    public override Fault Build(IFaultArgs args) => new PurgeBinaryLogsFault(args.Server(FaultFields.Server), args.Get(Keep));
}
