using DetSim.Core.Time;

namespace DetSim.Harness.Routing;

/// <summary>
/// The service's front door, like ProxySQL or a DNS name: clients resolve it per request through
/// <see cref="IServiceView"/>, the failover tool changes it through <see cref="IRoutePublisher"/>;
/// neither holds the other's handle. Each route is an immutable value, kept in
/// <see cref="Changes"/> so a run shows when clients were sent where.
/// </summary>
public sealed class ServiceDirectory : IServiceView, IRoutePublisher
{
    private readonly List<RouteChange> _changes = new();
    private readonly Func<SimTime> _now;

    public ServiceDirectory(string? source, IEnumerable<string> replicas, Func<SimTime>? now = null)
    {
        Current = new ServiceRoute(source, replicas.ToArray());
        _now = now ?? (() => SimTime.Zero);
    }

    public ServiceRoute Current { get; private set; }

    public string? Source => Current.Source;
    public IReadOnlyList<string> Replicas => Current.Replicas;

    /// <summary>Every route published after the first, in order.</summary>
    public IReadOnlyList<RouteChange> Changes => _changes;

    public void Publish(ServiceRoute route, string reason)
    {
        Current = route;
        _changes.Add(new RouteChange(_now(), route, reason));
    }
}

/// <summary>A route published at a time, and why.</summary>
public sealed record RouteChange(SimTime At, ServiceRoute Route, string Reason);
