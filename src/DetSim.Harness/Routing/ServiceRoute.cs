namespace DetSim.Harness.Routing;

/// <summary>Where clients should send work at one moment: the writable source and the replicas. Immutable: a failover publishes a new one.</summary>
public sealed record ServiceRoute(string? Source, IReadOnlyList<string> Replicas)
{
    public override string ToString() => $"source {Source ?? "(none)"}, replicas [{string.Join(", ", Replicas)}]";
}
