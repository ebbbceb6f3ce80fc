namespace DetSim.Replication.Clients;

/// <summary>Which server a client sends to: the current writable source, a named server, or any replica.</summary>
public enum TargetKind : byte
{
    Source,
    Named,
    Replicas,
    Any,
}

public sealed record TargetSelector(TargetKind Kind, string? Server = null)
{
    public static TargetSelector Source { get; } = new(TargetKind.Source);
    public static TargetSelector Replicas { get; } = new(TargetKind.Replicas);
    public static TargetSelector Any { get; } = new(TargetKind.Any);
    public static TargetSelector Named(string server) => new(TargetKind.Named, server);

    public override string ToString() => Kind == TargetKind.Named ? Server! : Kind.ToString().ToLowerInvariant();
}
