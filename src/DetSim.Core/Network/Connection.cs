namespace DetSim.Core.Network;

/// <summary>
/// One end of a connection: an ordered, reliable byte stream between two nodes, like a TCP
/// connection. <see cref="Peer"/> is the node at the other end. A handle lives in the memory of
/// the node that holds it, so a crash takes it away with the rest of the process.
/// </summary>
public readonly record struct Connection(long Id, int Peer)
{
    public override string ToString() => $"conn#{Id}";
}

/// <summary>How a node learned that a connection is gone.</summary>
public enum CloseReason : byte
{
    /// <summary>The peer closed it, or its process died and the peer's kernel closed the socket (FIN).</summary>
    Closed,
    /// <summary>The peer's host answered with a reset: it rebooted and no longer knows the connection, or nothing listens.</summary>
    Reset,
    /// <summary>Connect found nothing listening on the peer (the process is down but its host is up).</summary>
    Refused,
    /// <summary>This end's retransmissions went unanswered for <see cref="TcpOptions.GiveUpAfter"/> (ETIMEDOUT).</summary>
    TimedOut,
}

/// <summary>
/// What a payload contributes to the trace hash: a digest of its contents that is the same in
/// every process. Messages that implement it make a replay that delivers other data diverge;
/// others are hashed by their type name and <see cref="object.ToString"/>.
/// </summary>
public interface IStableDigest
{
    ulong StableDigest();
}
