namespace DetSim.Core.Faults;

/// <summary>Cuts a node off from every other node.</summary>
public sealed record IsolateFault(string Node) : Fault
{
    public override IEnumerable<string> Nodes => [Node];
    public override string Describe() => $"isolate {Node}";
    protected override void Apply(Simulation simulation) => simulation.Network.Isolate(simulation.Require(Node));
}

/// <summary><c>isolate: s1</c>.</summary>
public sealed class IsolateKind : FaultKind
{
    public override string Name => "isolate";
    public override string Description => "cut a server off from every other node";
    public override FaultShape Shape => FaultShape.Server;
    public override Fault Build(IFaultArgs args) => new IsolateFault(args.Server());
}
