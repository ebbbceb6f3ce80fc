using DetSim.Core.Random;
using DetSim.Core.Settings;
using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>Makes From → To slower: latency × Factor + Extra (a congested or lossy-retransmitting link).</summary>
public sealed record SlowLinkFault(string From, string To, long Factor, Duration Extra = default) : Fault
{
    public override IEnumerable<string> Nodes => [From, To];
    public override string Describe() => $"slow {From} -> {To} x{Factor} +{Extra}";
    protected override void Apply(Simulation simulation) =>
        simulation.Network.Slow(simulation.Require(From), simulation.Require(To), Factor, Extra);
}

/// <summary><c>slow_link: { from: s1, to: r1, factor: 10 }</c>; the nemesis slows a link ×2..49 and restores it after the outage.</summary>
public sealed class SlowLinkKind : FaultKind
{
    public static readonly Setting<string> From = Declare.Server("from", "server");
    public static readonly Setting<string> To = Declare.Server("to", "server");
    public static readonly Setting<long> Factor = Declare.Long("factor", 1, 1, 1_000_000, "multiplier");
    public static readonly Setting<Duration> Extra = Declare.Duration("extra", Duration.Zero, "added delay");
    public static readonly Setting<int> NemesisWeight = Declare.Int("slow_link", 0, 0, 1000, "weight");

    public override string Name => "slow_link";
    public override string Description => "latency × factor + extra on from → to";
    public override FaultShape Shape => FaultShape.Map;
    public override IReadOnlyList<Setting> Fields => [From, To, Factor, Extra];
    public override Fault Build(IFaultArgs args) => new SlowLinkFault(args.Server(From), args.Server(To), args.Get(Factor), args.Get(Extra));
    public override Setting<int> Weight => NemesisWeight;
    public override int WeightIn(NemesisOptions options) => options.SlowLinkWeight;
    public override NemesisOptions WithWeight(NemesisOptions options, int weight) => options with { SlowLinkWeight = weight };

    public override void Draw(NemesisDraw d)
    {
        if (d.Options.Nodes.Count <= 1) return;
        string other = d.Random.Pick(d.Options.Nodes.Where(n => n != d.Node).ToList());
        d.Plan.At(d.At, new SlowLinkFault(d.Node, other, d.Random.NextLong(2, 50))).At(d.At + d.Down, new SlowLinkFault(d.Node, other, 1));
    }
}
