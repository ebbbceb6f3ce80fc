using DetSim.Core.Disk;
using DetSim.Core.Settings;

namespace DetSim.Core.Faults;

/// <summary>Power loss: memory, timers and in-flight messages to the node are lost; unsynced disk writes too.</summary>
public sealed record CrashFault(string Node, CrashMode? Mode = null) : Fault
{
    public override IEnumerable<string> Nodes => [Node];
    public override string Describe() => Mode switch
    {
        null => $"crash {Node}",
        CrashMode.TornWrite => $"crash {Node} (power loss, torn write)",
        CrashMode.ProcessCrash => $"crash {Node} (process killed)",
        _ => $"crash {Node} (power loss)",
    };
    protected override void Apply(Simulation simulation) => simulation.Crash(simulation.Require(Node), Mode);
}

/// <summary><c>crash: s1</c> or <c>crash: { server: s1, mode: process }</c>; the nemesis draws a crash and a restart after the outage.</summary>
public sealed class CrashKind : FaultKind
{
    public static readonly Setting<CrashMode?> Mode = Declare.Choice<CrashMode?>("mode", null, $"what the crash does to unsynced writes (default: the simulation's crash_mode, {SimulationSettings.CrashMode.DefaultText})",
        ("power_loss", CrashMode.DropUnsynced), ("process", CrashMode.ProcessCrash), ("torn_write", CrashMode.TornWrite)) with { HasDefault = false };

    public static readonly Setting<int> NemesisWeight = Declare.Int("crash", 1, 0, 1000, "weight");

    public override string Name => "crash";
    public override string Description => "server name, or {server, mode: power_loss | process | torn_write}";
    public override FaultShape Shape => FaultShape.ServerOrMap;
    public override IReadOnlyList<Setting> Fields => [FaultFields.Server, Mode];
    public override Fault Build(IFaultArgs args) => new CrashFault(args.Server(FaultFields.Server), args.Get(Mode));
    public override Setting<int> Weight => NemesisWeight;
    public override int WeightIn(NemesisOptions options) => options.CrashWeight;
    public override NemesisOptions WithWeight(NemesisOptions options, int weight) => options with { CrashWeight = weight };
    public override void Draw(NemesisDraw d) => d.Plan.At(d.At, new CrashFault(d.Node)).At(d.At + d.Down, new RestartFault(d.Node));
}
