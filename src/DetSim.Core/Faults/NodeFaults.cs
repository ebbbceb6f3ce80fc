using DetSim.Core.Disk;
using DetSim.Core.Time;

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

/// <summary>Boots a crashed node; it recovers from what its disk kept.</summary>
public sealed record RestartFault(string Node) : Fault
{
    public override IEnumerable<string> Nodes => [Node];
    public override string Describe() => $"restart {Node}";
    protected override void Apply(Simulation simulation) => simulation.Restart(simulation.Require(Node));
}

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
