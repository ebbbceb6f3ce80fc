using DetSim.Core.Time;

namespace DetSim.Replication.Clients;

/// <summary>A group of client sessions running a weighted transaction mix against chosen servers.</summary>
public sealed record ClientOptions
{
    public required string Name { get; init; }
    public int Sessions { get; init; } = 1;
    public TargetSelector Target { get; init; } = TargetSelector.Source;
    public SimTime Start { get; init; } = SimTime.Zero;
    public Duration Duration { get; init; } = Duration.FromSeconds(5);

    /// <summary>Pause between a reply and the next request of a session.</summary>
    public Duration Think { get; init; } = Duration.FromMillis(20);

    /// <summary>How long a session waits for a reply before it gives up (the outcome is then unknown).</summary>
    public Duration RequestTimeout { get; init; } = Duration.FromSeconds(2);

    public IReadOnlyList<TransactionTemplate> Transactions { get; init; } = [];
}
