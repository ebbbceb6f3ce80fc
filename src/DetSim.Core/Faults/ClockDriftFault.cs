using DetSim.Core.Settings;

namespace DetSim.Core.Faults;

/// <summary>Sets a node's clock drift in parts per million from now on.</summary>
public sealed record ClockDriftFault(string Node, long DriftPpm) : Fault
{
    public override IEnumerable<string> Nodes => [Node];
    public override string Describe() => $"clock-drift {Node} {DriftPpm}ppm";
    protected override void Apply(Simulation simulation) =>
        simulation.ClockOf(simulation.Require(Node)).SetDrift(simulation.Now, DriftPpm);
}

/// <summary><c>clock_drift: { server: s1, ppm: 200 }</c>.</summary>
public sealed class ClockDriftKind : FaultKind
{
    public static readonly Setting<long> Ppm = Declare.Long("ppm", 0, -499_999, 499_999, "parts per million");

    public override string Name => "clock_drift";
    public override string Description => "set a server's clock drift";
    public override FaultShape Shape => FaultShape.Map;
    public override IReadOnlyList<Setting> Fields => [FaultFields.Server, Ppm];
    public override Fault Build(IFaultArgs args) => new ClockDriftFault(args.Server(FaultFields.Server), args.Get(Ppm));
}
