namespace DetSim.Replication.Execution;

/// <summary>The server settings a statement engine needs.</summary>
public sealed record StatementEngineOptions
{
    public static StatementEngineOptions Default { get; } = new();

    /// <summary>
    /// The optimizer on this server may pick another access path than the clustered index for an
    /// UPDATE / DELETE … LIMIT without ORDER BY (another index, a different scan direction), so LIMIT
    /// keeps other rows: drawn per statement from the server's random stream. Off: primary key order.
    /// </summary>
    public bool AccessPathVaries { get; init; } = Settings.ServerSettings.AccessPathVaries.Default;
}
