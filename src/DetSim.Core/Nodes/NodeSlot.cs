using DetSim.Core.Disk;
using DetSim.Core.Network;
using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Core.Nodes;

/// <summary>What the simulation keeps for a node across crashes: disk, clock, random stream, incarnation.</summary>
internal sealed class NodeSlot
{
    public NodeSlot(int index, string name, Func<INode> factory, NodeClock clock, IChoiceSource random)
    {
        Index = index;
        Name = name;
        Factory = factory;
        Clock = clock;
        Random = random;
    }

    public int Index { get; }
    public string Name { get; }
    public Func<INode> Factory { get; }
    public NodeClock Clock { get; }
    public IChoiceSource Random { get; }
    public SimDisk Disk { get; } = new();
    public NodeStatus Status { get; set; } = NodeStatus.Down;
    public INode? Instance { get; set; }
    public NodeContext? Context { get; set; }

    /// <summary>Bumped by every crash: events scheduled for an older incarnation are dropped.</summary>
    public int Epoch { get; set; }

    public int Crashes { get; set; }

    /// <summary>How the node went down last: a killed process leaves its host (and its TCP stack) running.</summary>
    public CrashMode LastCrashMode { get; set; }

    /// <summary>Connections with an end on this node, in the order they were opened.</summary>
    public List<ConnectionTable.ConnectionState> Connections { get; } = new();

    /// <summary>Events that arrived while the node was paused, in arrival order.</summary>
    public List<SimEvent> Parked { get; } = new();
}
