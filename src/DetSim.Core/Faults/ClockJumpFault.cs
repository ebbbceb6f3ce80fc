using DetSim.Core.Random;
using DetSim.Core.Settings;
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

/// <summary><c>clock_jump: { server: s1, by: -3s }</c>; the nemesis steps a clock by up to ±clock_jump_max.</summary>
public sealed class ClockJumpKind : FaultKind
{
    public static readonly Setting<Duration> By = Declare.Duration("by", Duration.Zero, "signed step") with { AllowNegative = true };
    public static readonly Setting<int> NemesisWeight = Declare.Int("clock_jump", 0, 0, 1000, "weight");

    public override string Name => "clock_jump";
    public override string Description => "step a server's clock";
    public override FaultShape Shape => FaultShape.Map;
    public override IReadOnlyList<Setting> Fields => [FaultFields.Server, By];
    public override Fault Build(IFaultArgs args) => new ClockJumpFault(args.Server(FaultFields.Server), args.Get(By));
    public override Setting<int> Weight => NemesisWeight;
    public override int WeightIn(NemesisOptions options) => options.ClockJumpWeight;
    public override NemesisOptions WithWeight(NemesisOptions options, int weight) => options with { ClockJumpWeight = weight };

    public override void Draw(NemesisDraw d)
    {
        long max = d.Options.ClockJumpMax.Micros;
        d.Plan.At(d.At, new ClockJumpFault(d.Node, new Duration(d.Random.NextLong(-max, max))));
    }
}
