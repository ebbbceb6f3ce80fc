using DetSim.Core.Time;

namespace DetSim.Core.Scheduling;

/// <summary>
/// Replaces the scheduler's tie-breaking with explicit scheduling decisions (a Coyote-controlled
/// scheduler, a recorder, a replayer). The scheduler asks only when two or more lanes are enabled.
/// An event is enabled when it is its lane's earliest and is due no later than
/// <see cref="Window"/> after the earliest pending event: a picked event that is not the
/// earliest runs at its own time and the ones it overtook run late (never early), so every event
/// runs at most <see cref="Window"/> after it was due. An <see cref="Random.IChoiceSource"/> given to a
/// <see cref="Scheduler"/> that also implements this interface turns picking on.
/// </summary>
public interface IEventPicker
{
    /// <summary>How far past the earliest pending event an event may still be picked (zero: only simultaneous ones).</summary>
    Duration Window { get; }

    /// <summary>
    /// Chooses one of <paramref name="enabled"/> (two or more, in (due, sequence) order); returns its index.
    /// <paramref name="step"/> is the number of events run so far.
    /// </summary>
    int Pick(IReadOnlyList<EnabledEvent> enabled, long step, SimTime now);
}

/// <summary>One choice at a scheduling decision: the lane and when its head event is due.</summary>
public readonly record struct EnabledEvent(Lane Lane, SimTime Due, EventKind Kind);
