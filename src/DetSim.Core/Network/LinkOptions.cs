using DetSim.Core.Random;

namespace DetSim.Core.Network;

/// <summary>
/// Behaviour of one directed link. MySQL replication runs over TCP, so links are FIFO by default
/// (<see cref="Reorder"/> off): a later message never overtakes an earlier one.
/// </summary>
public sealed record LinkOptions
{
    public Latency Latency { get; init; } = Latency.Lan;
    /// <summary>Share of messages lost (<see cref="Settings.NetworkSettings.LossPercent"/>, default none).</summary>
    public Ratio Loss { get; init; } = Ratio.Zero;

    /// <summary>Share of messages delivered twice (<see cref="Settings.NetworkSettings.DuplicatePercent"/>, default none).</summary>
    public Ratio Duplicate { get; init; } = Ratio.Zero;
    public bool Reorder { get; init; }

    public static LinkOptions Default { get; } = new();

    public LinkOptions Validate()
    {
        Latency.Validate();
        return this;
    }
}
