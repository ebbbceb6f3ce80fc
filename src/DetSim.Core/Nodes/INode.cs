using DetSim.Core.Network;

namespace DetSim.Core.Nodes;

/// <summary>
/// A sans-IO node: it reacts to a start, a message or a timer, and acts only through the
/// <see cref="INodeContext"/> it is given. A crash throws the instance away (memory is lost); a
/// restart builds a new one from the factory, which recovers from its disk in <see cref="OnStart"/>.
/// </summary>
public interface INode
{
    /// <summary>First boot or restart after a crash: recover from <see cref="INodeContext.Disk"/>.</summary>
    void OnStart(INodeContext context);

    void OnMessage(INodeContext context, int from, object message);

    void OnTimer(INodeContext context, long tag, object? state);

    /// <summary>A peer opened a connection to this node (accept).</summary>
    void OnConnected(INodeContext context, Connection connection) { }

    /// <summary>The next message of a connection, in the order the peer sent it. By default handled as a plain message.</summary>
    void OnReceive(INodeContext context, Connection connection, object message) => OnMessage(context, connection.Peer, message);

    /// <summary>The connection is gone: closed or reset by the peer, refused, or timed out at this end.</summary>
    void OnDisconnected(INodeContext context, Connection connection, CloseReason reason) { }
}
