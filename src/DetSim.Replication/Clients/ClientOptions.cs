using DetSim.Core.Time;
using DetSim.Replication.Settings;

namespace DetSim.Replication.Clients;

/// <summary>A group of client sessions running a weighted transaction mix against chosen servers; defaults declared in <see cref="ClientSettings"/>.</summary>
public sealed record ClientOptions
{
    public required string Name { get; init; }
    public int Sessions { get; init; } = ClientSettings.Count.Default;
    public TargetSelector Target { get; init; } = TargetSelector.Source;
    public SimTime Start { get; init; } = SimTime.Zero + ClientSettings.Start.Default;
    public Duration Duration { get; init; } = ClientSettings.Duration.Default;

    /// <summary>Pause between a reply and the next request of a session.</summary>
    public Duration Think { get; init; } = ClientSettings.Think.Default;

    /// <summary>How long a session waits for a reply before it gives up (the outcome is then unknown).</summary>
    public Duration RequestTimeout { get; init; } = ClientSettings.Timeout.Default;

    /// <summary>Whether the sessions also stop once a failover has published a new route.</summary>
    public ClientStop Until { get; init; } = ClientSettings.Until.Default;

    public IReadOnlyList<TransactionTemplate> Transactions { get; init; } = [];
}

/// <summary>When a client group stops sending (<c>until:</c>).</summary>
public enum ClientStop : byte
{
    /// <summary>At the end of its duration.</summary>
    End,

    /// <summary>At the end of its duration, or as soon as a failover has sent clients elsewhere, whichever is first.</summary>
    Failover,
}
