using DetSim.Core.Settings;
using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>Stops the world on a node for <see cref="For"/> (a GC or VM pause); it resumes by itself.</summary>
public sealed record PauseFault(string Node, Duration For) : Fault
{
    public override IEnumerable<string> Nodes => [Node];
    public override string Describe() => $"pause {Node} for {For}";

    protected override void Apply(Simulation simulation)
    {
        int node = simulation.Require(Node);
        simulation.Pause(node);
        simulation.Schedule(simulation.Now + For, $"resume {Node}", s => s.Resume(node));
    }
}

/// <summary><c>pause: { server: s1, for: 2s }</c>; the nemesis pauses a node for the outage length.</summary>
public sealed class PauseKind : FaultKind
{
    public static readonly Setting<Duration> For = Declare.Duration("for", Duration.FromSeconds(1), "how long");
    public static readonly Setting<int> NemesisWeight = Declare.Int("pause", 0, 0, 1000, "weight");

    public override string Name => "pause";
    public override string Description => "stop the world on a server";
    public override FaultShape Shape => FaultShape.Map;
    public override IReadOnlyList<Setting> Fields => [FaultFields.Server, For];
    public override Fault Build(IFaultArgs args) => new PauseFault(args.Server(FaultFields.Server), args.Get(For));
    public override Setting<int> Weight => NemesisWeight;
    public override int WeightIn(NemesisOptions options) => options.PauseWeight;
    public override NemesisOptions WithWeight(NemesisOptions options, int weight) => options with { PauseWeight = weight };
    public override void Draw(NemesisDraw d) => d.Plan.At(d.At, new PauseFault(d.Node, d.Down));
}
