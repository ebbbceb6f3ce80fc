namespace DetSim.Core.Faults;

/// <summary>Boots a crashed node; it recovers from what its disk kept.</summary>
public sealed record RestartFault(string Node) : Fault
{
    public override IEnumerable<string> Nodes => [Node];
    public override string Describe() => $"restart {Node}";
    protected override void Apply(Simulation simulation) => simulation.Restart(simulation.Require(Node));
}

/// <summary><c>restart: s1</c>.</summary>
public sealed class RestartKind : FaultKind
{
    public override string Name => "restart";
    public override string Description => "server name";
    public override FaultShape Shape => FaultShape.Server;
    public override Fault Build(IFaultArgs args) => new RestartFault(args.Server());
}
