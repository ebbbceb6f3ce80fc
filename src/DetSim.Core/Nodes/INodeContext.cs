using DetSim.Core.Disk;
using DetSim.Core.Network;
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

    /// <summary>Sends a datagram: subject to the link's loss, duplication and partitions, with no notice of its fate.</summary>
    void Send(int to, object message);

    /// <summary>Opens a connection to <paramref name="to"/>; messages can be sent on it at once and arrive after the open.</summary>
    Connection Connect(int to);

    /// <summary>Sends on a connection: delivered once, in order, after any partition heals, unless the connection breaks.</summary>
    void Send(Connection connection, object message);

    /// <summary>Closes this end; the peer learns of it after what was sent before.</summary>
    void Close(Connection connection);

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
