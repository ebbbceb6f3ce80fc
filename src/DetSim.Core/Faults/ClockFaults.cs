using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>Steps a node's wall clock forwards or backwards (an NTP step, a VM restore).</summary>
public sealed record ClockJumpFault(string Node, Duration Delta) : Fault
{
    public override IEnumerable<string> Nodes => [Node];
    public override string Describe() => $"clock-jump {Node} {(Delta.Micros >= 0 ? "+" : "")}{Delta}";
    protected override void Apply(Simulation simulation) =>
        simulation.ClockOf(simulation.Require(Node)).Jump(simulation.Now, Delta);
}

/// <summary>Sets a node's clock drift in parts per million from now on.</summary>
public sealed record ClockDriftFault(string Node, long DriftPpm) : Fault
{
    public override IEnumerable<string> Nodes => [Node];
    public override string Describe() => $"clock-drift {Node} {DriftPpm}ppm";
    protected override void Apply(Simulation simulation) =>
        simulation.ClockOf(simulation.Require(Node)).SetDrift(simulation.Now, DriftPpm);
}
