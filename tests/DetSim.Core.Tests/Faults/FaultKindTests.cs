using System.Security.Cryptography;
using System.Text;
using DetSim.Core.Faults;
using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Core.Tests.Faults;

/// <summary>The nemesis draws through the fault-kind registry exactly as it drew before there was one, and each kind plans only its own faults.</summary>
public class FaultKindTests
{
    private static readonly NemesisOptions All = new()
    {
        Nodes = ["n1", "n2", "n3"], Start = SimTime.FromMillis(10), End = SimTime.FromSeconds(20), MeanGap = Duration.FromMillis(200),
        CrashWeight = 2, PartitionWeight = 1, PauseWeight = 1, ClockJumpWeight = 1, SlowLinkWeight = 1, CrashAtWeight = 1, CrashPoints = ["p1", "p2"],
    };

    [Fact]
    public void Drawn_plans_are_those_of_the_nemesis_before_the_registry()
    {
        var sb = new StringBuilder();
        for (ulong s = 1; s <= 200; s++) sb.Append(Nemesis.Draw(new SimRandom(s), All).ToString()).Append('\n');
        // SHA-256 of the same 200 plans drawn by Nemesis.cs at commit 99b7912 (its switch over six weights), built and run separately.
        Assert.Equal("CA0CF8761E1C304E366DD5D6B708CE7EE7AA48420E29EF79075E2E1308572FA5", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()))));
    }

    public static TheoryData<string> DrawnKinds => new(CoreFaultKinds.Drawn.Select(k => k.Name));

    [Theory]
    [MemberData(nameof(DrawnKinds))]
    public void A_kind_alone_draws_only_its_own_faults(string name)
    {
        FaultKind kind = CoreFaultKinds.Drawn.Single(k => k.Name == name);
        NemesisOptions only = All with { CrashWeight = 0, PartitionWeight = 0, PauseWeight = 0, ClockJumpWeight = 0, SlowLinkWeight = 0, CrashAtWeight = 0 };
        only = DetSim.Core.Settings.CoreOptionBindings.Nemesis.With(only, kind.Weight!, 1);
        Assert.Equal(1, kind.WeightIn(only));
        var types = Nemesis.Draw(new SimRandom(3), only).Faults.Select(p => p.Fault.GetType()).Distinct().ToHashSet();
        Type[] expected = name switch
        {
            "crash" => [typeof(CrashFault), typeof(RestartFault)],
            "partition" => [typeof(IsolateFault), typeof(HealFault)],
            "pause" => [typeof(PauseFault)],
            "clock_jump" => [typeof(ClockJumpFault)],
            "slow_link" => [typeof(SlowLinkFault)],
            _ => [typeof(CrashAtFault)],
        };
        Assert.NotEmpty(types);
        Assert.Subset(expected.ToHashSet(), types);
    }

    [Fact]
    public void Every_kind_has_a_unique_name_and_a_description()
    {
        Assert.Equal(CoreFaultKinds.All.Count, CoreFaultKinds.All.Select(k => k.Name).Distinct().Count());
        Assert.All(CoreFaultKinds.All, k => Assert.False(string.IsNullOrWhiteSpace(k.Description)));
        Assert.All(CoreFaultKinds.Drawn, k => Assert.Contains(k, CoreFaultKinds.All));
    }

    /// <summary>A kind with no NemesisOptions property of its own (one added in its own file) keeps its weight in Weights, and the nemesis draws it.</summary>
    private sealed class BounceKind : FaultKind
    {
        public override string Name => "bounce";
        public override string Description => "crash and restart at once";
        public override FaultShape Shape => FaultShape.Server;
        public override Fault Build(IFaultArgs args) => new CrashFault(args.Server());
        public override DetSim.Core.Settings.Setting<int> Weight { get; } = DetSim.Core.Settings.Declare.Int("bounce", 3, 0, 1000, "weight");
        public override void Draw(NemesisDraw d) => d.Plan.At(d.At, new CrashFault(d.Node)).At(d.At, new RestartFault(d.Node));
    }

    [Fact]
    public void A_kind_without_a_property_keeps_its_weight_in_Weights()
    {
        var kind = new BounceKind();
        Assert.Equal(3, kind.WeightIn(new NemesisOptions())); // its declared default
        NemesisOptions o = kind.WithWeight(new NemesisOptions(), 7);
        Assert.Equal(7, kind.WeightIn(o));
        Assert.Equal(7, o.Weights["bounce"]);
        Assert.Equal(1, CoreFaultKinds.Crash.WeightIn(o)); // the others keep theirs
    }
}
