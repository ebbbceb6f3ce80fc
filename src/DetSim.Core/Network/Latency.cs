using DetSim.Core.Random;
using DetSim.Core.Settings;
using DetSim.Core.Time;

namespace DetSim.Core.Network;

/// <summary>
/// A one-way latency distribution: <see cref="Min"/> plus an exponential part with mean
/// <see cref="Jitter"/>; with probability <see cref="TailChance"/> the exponential part is
/// multiplied by <see cref="TailFactor"/> (a retransmit, a GC on the far side): a long tail.
/// </summary>
public sealed record Latency
{
    public Duration Min { get; init; }
    public Duration Jitter { get; init; }
    public Ratio TailChance { get; init; } = Ratio.Zero;
    public long TailFactor { get; init; } = 1;

    public static Latency Constant(Duration d) => new() { Min = d };

    public static Latency Exponential(Duration min, Duration jitter) => new() { Min = min, Jitter = jitter };

    /// <summary>A LAN-like default (<see cref="NetworkSettings"/>): 200 us minimum, 300 us mean jitter, 1% of messages 20x slower.</summary>
    public static Latency Lan { get; } = new()
    {
        Min = NetworkSettings.LatencyMin.Default, Jitter = NetworkSettings.LatencyJitter.Default,
        TailChance = Ratio.Percent((ulong)NetworkSettings.TailPercent.Default), TailFactor = NetworkSettings.TailFactor.Default,
    };

    public Latency Validate()
    {
        if (Min.Micros < 0) throw new ArgumentOutOfRangeException(nameof(Min), $"latency minimum must not be negative, got {Min}");
        if (Jitter.Micros < 0) throw new ArgumentOutOfRangeException(nameof(Jitter), $"latency jitter must not be negative, got {Jitter}");
        if (TailFactor < 1) throw new ArgumentOutOfRangeException(nameof(TailFactor), $"tail factor must be at least 1, got {TailFactor}");
        return this;
    }

    public Duration Sample(IChoiceSource random)
    {
        if (Jitter.Micros == 0) return Min;
        long extra = (long)random.NextExponential(Jitter.Micros);
        if (!TailChance.IsZero && random.Chance(TailChance)) extra = checked(extra * TailFactor);
        return new Duration(Min.Micros + extra);
    }

    public override string ToString() =>
        Jitter.Micros == 0 ? $"const {Min}" : $"{Min}+exp({Jitter})" + (TailChance.IsZero ? "" : $" tail {TailChance}x{TailFactor}");
}
