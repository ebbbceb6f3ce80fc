using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>Cuts the link between two nodes (only From → To when <see cref="OneWay"/>).</summary>
public sealed record PartitionFault(string From, string To, bool OneWay = false) : Fault
{
    public override IEnumerable<string> Nodes => [From, To];
    public override string Describe() => OneWay ? $"partition {From} -> {To}" : $"partition {From} <-> {To}";
    protected override void Apply(Simulation simulation) =>
        simulation.Network.Partition(simulation.Require(From), simulation.Require(To), OneWay);
}

/// <summary>Cuts a node off from every other node.</summary>
public sealed record IsolateFault(string Node) : Fault
{
    public override IEnumerable<string> Nodes => [Node];
    public override string Describe() => $"isolate {Node}";
    protected override void Apply(Simulation simulation) => simulation.Network.Isolate(simulation.Require(Node));
}

/// <summary>Heals every partition.</summary>
public sealed record HealFault : Fault
{
    public override IEnumerable<string> Nodes => [];
    public override string Describe() => "heal all";
    protected override void Apply(Simulation simulation) => simulation.Network.HealAll();
}

/// <summary>Makes From → To slower: latency × Factor + Extra (a congested or lossy-retransmitting link).</summary>
public sealed record SlowLinkFault(string From, string To, long Factor, Duration Extra = default) : Fault
{
    public override IEnumerable<string> Nodes => [From, To];
    public override string Describe() => $"slow {From} -> {To} x{Factor} +{Extra}";
    protected override void Apply(Simulation simulation) =>
        simulation.Network.Slow(simulation.Require(From), simulation.Require(To), Factor, Extra);
}
