using DetSim.Core.Random;

namespace DetSim.Harness.Routing;

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

    /// <summary>The server to send to under <paramref name="route"/>, or null when there is none. Draws from <paramref name="random"/> only to choose among several.</summary>
    public string? Resolve(ServiceRoute route, IChoiceSource random)
    {
        switch (Kind)
        {
            case TargetKind.Source: return route.Source;
            case TargetKind.Named: return Server;
            case TargetKind.Replicas: return route.Replicas.Count == 0 ? route.Source : random.Pick(route.Replicas);
            default:
                var all = route.Replicas.Prepend(route.Source).Where(s => s is not null).Cast<string>().ToList();
                return all.Count == 0 ? null : random.Pick(all);
        }
    }

    public override string ToString() => Kind == TargetKind.Named ? Server! : Kind.ToString().ToLowerInvariant();
}
