using DetSim.Core.Settings;

namespace DetSim.Core.Faults;

/// <summary>Cuts the link between two nodes (only From → To when <see cref="OneWay"/>).</summary>
public sealed record PartitionFault(string From, string To, bool OneWay = false) : Fault
{
    public override IEnumerable<string> Nodes => [From, To];
    public override string Describe() => OneWay ? $"partition {From} -> {To}" : $"partition {From} <-> {To}";
    protected override void Apply(Simulation simulation) =>
        simulation.Network.Partition(simulation.Require(From), simulation.Require(To), OneWay);
}

/// <summary><c>partition: [s1, r1]</c> (with <c>one_way: true</c> beside it); the nemesis's "partition" isolates a node and heals after the outage.</summary>
public sealed class PartitionKind : FaultKind
{
    public static readonly Setting<bool> OneWay = Declare.Bool("one_way", false, "with partition: cut only the first → second direction");
    public static readonly Setting<int> NemesisWeight = Declare.Int("partition", 1, 0, 1000, "weight: isolate a node, heal after the outage");

    public override string Name => "partition";
    public override string Description => "[a, b]: cut the link both ways (one_way: true for a → b only)";
    public override FaultShape Shape => FaultShape.ServerPair;
    public override IReadOnlyList<Setting> Siblings => [OneWay];

    public override Fault? Build(IFaultArgs args) =>
        args.Servers() is [string a, string b] ? new PartitionFault(a, b, args.Get(OneWay)) : null;

    public override Setting<int> Weight => NemesisWeight;
    public override int WeightIn(NemesisOptions options) => options.PartitionWeight;
    public override NemesisOptions WithWeight(NemesisOptions options, int weight) => options with { PartitionWeight = weight };

    public override void Draw(NemesisDraw d)
    {
        if (d.Options.Nodes.Count > 1) d.Plan.At(d.At, new IsolateFault(d.Node)).At(d.At + d.Down, new HealFault());
    }
}
