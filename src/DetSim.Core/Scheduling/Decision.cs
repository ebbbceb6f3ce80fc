using System.Globalization;

namespace DetSim.Core.Scheduling;

/// <summary>
/// One scheduling decision of a run: before step <see cref="Step"/>, with <see cref="Enabled"/>
/// lanes enabled, lane <see cref="Lane"/> ran. Its text form, <c>step lane enabled</c>, is what a
/// decision file holds.
/// </summary>
public readonly record struct Decision(long Step, string Lane, int Enabled)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Step} {Lane} {Enabled}");

    public static Decision Parse(string text)
    {
        string[] parts = text.Split(' ');
        if (parts.Length != 3 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long step) || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out int enabled))
            throw new FormatException($"'{text}' is not a decision (step lane enabled)");
        return new Decision(step, parts[1], enabled);
    }
}

/// <summary>Records every decision another picker makes.</summary>
public sealed class RecordingPicker(IEventPicker inner) : IEventPicker
{
    private readonly List<(long Step, Lane Lane, int Enabled)> _decisions = new();

    public Time.Duration Window => inner.Window;

    public int Count => _decisions.Count;

    /// <summary>A hash of the schedule so far (each decision's step, choice and width).</summary>
    public ulong ScheduleHash { get; private set; }

    public int Pick(IReadOnlyList<EnabledEvent> enabled, long step, Time.SimTime now)
    {
        int i = inner.Pick(enabled, step, now);
        _decisions.Add((step, enabled[i].Lane, enabled.Count));
        ScheduleHash = Random.StableHash.Combine(ScheduleHash, ((ulong)step << 16) ^ ((ulong)i << 8) ^ (ulong)enabled.Count);
        return i;
    }

    public IReadOnlyList<Decision> Decisions() => _decisions.Select(d => new Decision(d.Step, d.Lane.ToString(), d.Enabled)).ToList();
}

/// <summary>
/// Makes a run take recorded decisions again. A run that reaches a decision the recording does not
/// match (another step, another set of enabled lanes, or more decisions than recorded) is not the
/// recorded run: <see cref="DecisionDivergedException"/> names the first divergent decision.
/// </summary>
public sealed class ReplayingPicker(IReadOnlyList<Decision> decisions, Time.Duration window) : IEventPicker
{
    private int _next;

    public Time.Duration Window => window;

    public int Replayed => _next;

    /// <summary>The first divergence, kept even when the run's harness catches the exception.</summary>
    public DecisionDivergedException? Divergence { get; private set; }

    public int Pick(IReadOnlyList<EnabledEvent> enabled, long step, Time.SimTime now)
    {
        string Lanes() => string.Join(", ", enabled.Select(e => e.Lane.ToString()));
        if (_next >= decisions.Count)
            throw Diverged(_next, step, $"the run reached decision #{_next + 1} at step {step} (enabled: {Lanes()}), but only {decisions.Count} were recorded");
        Decision d = decisions[_next];
        int index = -1;
        for (int i = 0; i < enabled.Count; i++)
            if (enabled[i].Lane.ToString() == d.Lane) index = i;
        if (d.Step != step || d.Enabled != enabled.Count || index < 0)
            throw Diverged(_next, step,
                $"decision #{_next + 1}: recorded lane {d.Lane} of {d.Enabled} enabled before step {d.Step}; the replay is before step {step} at {now} with {enabled.Count} enabled: {Lanes()}");
        _next++;
        return index;
    }

    private DecisionDivergedException Diverged(int decision, long step, string message) => Divergence ??= new DecisionDivergedException(decision, step, message);

    /// <summary>Throws unless every recorded decision was taken.</summary>
    public void AssertFinished(long steps)
    {
        if (_next < decisions.Count)
            throw Diverged(_next, steps, $"the run ended after {steps} steps and {_next} decisions; decision #{_next + 1} (before step {decisions[_next].Step}) was recorded but never reached");
    }
}

/// <summary>A replay left the recorded run: the message names the first divergent decision and step.</summary>
public sealed class DecisionDivergedException(int decision, long step, string message) : Exception("replay diverged: " + message)
{
    public int DecisionIndex { get; } = decision;
    public long Step { get; } = step;
}
