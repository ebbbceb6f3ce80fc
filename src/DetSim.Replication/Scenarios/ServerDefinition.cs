using DetSim.Core.Time;
using DetSim.Replication.Server;

namespace DetSim.Replication.Scenarios;

/// <summary>A server in a scenario: its options, its source (if a replica) and its clock.</summary>
public sealed record ServerDefinition(string Name, ServerOptions Options, string? Source = null, bool? AutoPosition = null)
{
    public Duration ClockOffset { get; init; }
    public long ClockDriftPpm { get; init; }

    /// <summary>SOURCE_AUTO_POSITION: defaults to on when the replica runs with GTIDs.</summary>
    public bool UsesAutoPosition => AutoPosition ?? Options.GtidMode;
}
