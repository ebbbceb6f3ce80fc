using DetSim.Core.Disk;
using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Core.Nodes;

/// <summary>Everything a node may touch: its own clock, randomness, disk, the network and timers.</summary>
public interface INodeContext
{
    int Self { get; }

    string Name { get; }

    /// <summary>This node's wall clock (offset, drift and jumps applied), never the scheduler's time.</summary>
    SimTime Now { get; }

    /// <summary>This node's random stream, independent of every other node's.</summary>
    IChoiceSource Random { get; }

    SimDisk Disk { get; }

    /// <summary>Resolves another node's index by name; -1 if there is none.</summary>
    int Lookup(string name);

    string NameOf(int node);

    void Send(int to, object message);

    /// <summary>Fires <see cref="INode.OnTimer"/> after <paramref name="after"/> as measured by this node's clock.</summary>
    void SetTimer(Duration after, long tag, object? state = null);

    /// <summary>Adds a model-level line to the trace (hashed).</summary>
    void Note(string text);

    /// <summary>
    /// Hands an observation to the harness, stamped with true simulated time (a client's request
    /// and reply for the history). The node cannot read that time back.
    /// </summary>
    void Observe(object observation);
}
