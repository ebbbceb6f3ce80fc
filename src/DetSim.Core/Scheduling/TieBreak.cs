namespace DetSim.Core.Scheduling;

/// <summary>How the scheduler orders events due at the same simulated time.</summary>
public enum TieBreak
{
    /// <summary>The choice source picks one of the due events: explores orderings (the default).</summary>
    Choice,
    /// <summary>Strict (time, sequence) order: FIFO among simultaneous events.</summary>
    Sequence,
}
