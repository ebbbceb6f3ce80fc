using DetSim.Replication.Scenarios;

namespace DetSim.Specs;

public enum Expectation : byte
{
    Holds,
    Violated,
}

/// <summary>A parsed spec: the scenario to run, what to check, what MySQL really does, how many seeds.</summary>
public sealed record Spec
{
    public required string Name { get; init; }
    public string Description { get; init; } = "";
    public required string File { get; init; }
    public required Scenario Scenario { get; init; }
    public required Expectation Expect { get; init; }
    public string? ExpectInvariant { get; init; }
    public required IReadOnlyList<string> Check { get; init; }
    public double AvailabilityThreshold { get; init; } = 0.99;
    public int Seeds { get; init; } = 100;
    public ulong SeedStart { get; init; } = 1;
}
