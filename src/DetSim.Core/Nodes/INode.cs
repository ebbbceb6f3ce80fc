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
}
