namespace DetSim.Core.Time;

/// <summary>
/// A node's own wall clock: true time plus an offset, a drift in parts per million, and jumps
/// (an NTP step, a VM migration). Nodes read this, never the scheduler's time, so clock skew
/// reaches every timestamp a node writes (NOW() in a statement, a heartbeat).
/// local(t) = t + offset + (t - anchor) * driftPpm / 1e6, evaluated in integers.
/// </summary>
public sealed class NodeClock
{
    private long _offsetMicros;
    private long _driftPpm;
    private SimTime _anchor;

    public NodeClock(Duration offset = default, long driftPpm = 0)
    {
        ValidateDrift(driftPpm);
        _offsetMicros = offset.Micros;
        _driftPpm = driftPpm;
        _anchor = SimTime.Zero;
    }

    public Duration Offset => new(_offsetMicros);
    public long DriftPpm => _driftPpm;

    /// <summary>The node's reading of the clock at true time <paramref name="now"/>.</summary>
    public SimTime Read(SimTime now)
    {
        long elapsed = now.Micros - _anchor.Micros;
        long drift = (long)((Int128)elapsed * _driftPpm / 1_000_000);
        return new SimTime(now.Micros + _offsetMicros + drift);
    }

    /// <summary>Steps the clock by <paramref name="delta"/> (negative: backwards).</summary>
    public void Jump(SimTime now, Duration delta)
    {
        Rebase(now);
        _offsetMicros = checked(_offsetMicros + delta.Micros);
    }

    /// <summary>Changes the drift from <paramref name="now"/> on, keeping the current reading continuous.</summary>
    public void SetDrift(SimTime now, long driftPpm)
    {
        ValidateDrift(driftPpm);
        Rebase(now);
        _driftPpm = driftPpm;
    }

    /// <summary>
    /// True time that passes while this clock measures <paramref name="local"/>: a node that sets a
    /// 1 s timer on a clock running 100 ppm fast fires after 0.9999 s of true time.
    /// </summary>
    public Duration ToTrueDuration(Duration local)
    {
        if (local.Micros <= 0) return Duration.Zero;
        long micros = (long)((Int128)local.Micros * 1_000_000 / (1_000_000 + _driftPpm));
        return new Duration(Math.Max(1, micros));
    }

    private void Rebase(SimTime now)
    {
        // Fold the drift accumulated so far into the offset, then drift from now.
        _offsetMicros = Read(now).Micros - now.Micros;
        _anchor = now;
    }

    private static void ValidateDrift(long driftPpm)
    {
        // Real quartz drifts tens of ppm; anything past ±50% is a spec mistake, not a clock.
        if (driftPpm <= -500_000 || driftPpm >= 500_000)
            throw new ArgumentOutOfRangeException(nameof(driftPpm), $"clock drift must be within ±500000 ppm, got {driftPpm}");
    }
}
