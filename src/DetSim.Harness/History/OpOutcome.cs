namespace DetSim.Harness.History;

/// <summary>How a client request ended, as the client saw it.</summary>
public enum OpOutcome : byte
{
    /// <summary>The server said OK: for a write, the commit was acknowledged.</summary>
    Ok,
    /// <summary>The server returned an error: nothing was committed.</summary>
    Failed,
    /// <summary>No reply in time (server down, partition): the write may or may not have committed.</summary>
    Unknown,
}
