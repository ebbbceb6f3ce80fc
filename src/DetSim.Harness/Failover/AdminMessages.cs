namespace DetSim.Harness.Failover;

/// <summary>
/// A command a failover tool sends a server over a connection (a statement such as SHOW REPLICA
/// STATUS or STOP REPLICA on a client session). <see cref="Command"/> is the model's own message.
/// </summary>
public sealed record AdminRequest(long Id, object Command);

/// <summary>The server's answer to <see cref="AdminRequest"/> with the same id: a result, or the error the statement failed with.</summary>
public sealed record AdminReply(long Id, object? Result, string? Error);

/// <summary>
/// What the tool learned from one request: the server's reply (<see cref="Result"/> or
/// <see cref="Error"/>), or why it could not reach the server (<see cref="Unreachable"/>: refused,
/// connection lost, no reply within the timeout). An unreachable server is one the tool cannot see.
/// </summary>
public sealed record AdminAnswer(string Server, object? Result, string? Error, string? Unreachable)
{
    public bool Reached => Unreachable is null;
    public bool Ok => Reached && Error is null;
}
