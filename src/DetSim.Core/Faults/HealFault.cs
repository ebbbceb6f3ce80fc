namespace DetSim.Core.Faults;

/// <summary>Heals every partition.</summary>
public sealed record HealFault : Fault
{
    public override IEnumerable<string> Nodes => [];
    public override string Describe() => "heal all";
    protected override void Apply(Simulation simulation) => simulation.Network.HealAll();
}

/// <summary><c>heal: all</c>.</summary>
public sealed class HealKind : FaultKind
{
    public override string Name => "heal";
    public override string Description => "all";
    public override FaultShape Shape => FaultShape.Text;
    public override Fault Build(IFaultArgs args) => new HealFault();
}
