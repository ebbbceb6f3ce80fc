using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Core.Scheduling;

/// <summary>
/// The single-threaded event loop. Events run in (time, sequence) order; when several are due at
/// the same time, the <see cref="IChoiceSource"/> picks which goes first (unless
/// <see cref="TieBreak.Sequence"/>), which is where a seed explores orderings. A choice source that
/// is also an <see cref="IEventPicker"/> makes every scheduling decision instead (Coyote, a replay).
/// </summary>
public sealed class Scheduler
{
    private readonly EventHeap _heap = new();
    // Events due at _readyTime, in sequence order; the choice source picks among them.
    private readonly List<SimEvent> _ready = new(16);
    private readonly IChoiceSource _choices;
    private readonly TieBreak _tieBreak;
    private SimTime _readyTime;
    private long _nextSeq;
    // Picking mode only (null on the default path, which stays as it was).
    private readonly IEventPicker? _picker;
    private readonly List<SimEvent> _window = new(16);
    private readonly List<EnabledEvent> _enabled = new(16);
    private readonly List<int> _enabledAt = new(16);
    private SimTime _limit = SimTime.MaxValue;

    public Scheduler(IChoiceSource choices, TieBreak tieBreak = TieBreak.Choice)
    {
        _choices = choices;
        _tieBreak = tieBreak;
        _picker = tieBreak == TieBreak.Choice ? choices as IEventPicker : null;
    }

    /// <summary>Simulated time of the event being run (or of the last one run).</summary>
    public SimTime Now { get; private set; }

    /// <summary>Events run so far.</summary>
    public long Steps { get; private set; }

    public int Pending => _heap.Count + _ready.Count;

    /// <summary>Schedules <paramref name="ev"/>; its time must not be in the past. Returns its sequence number.</summary>
    public long Schedule(SimEvent ev)
    {
        Invariant.That(ev.Time >= Now, "an event cannot be scheduled in the past");
        ev.Seq = _nextSeq++;
        _heap.Push(ev);
        return ev.Seq;
    }

    /// <summary>Takes the next event to run, advancing <see cref="Now"/>. False when none is left.</summary>
    public bool TryDequeue(out SimEvent ev)
    {
        if (_picker is not null) return TryDequeuePicked(out ev);
        if (_ready.Count == 0)
        {
            if (_heap.Count == 0)
            {
                ev = default;
                return false;
            }
            SimEvent first = _heap.Pop();
            if (_heap.Count == 0 || _heap.PeekTime() != first.Time)
            {
                // No other event at this instant: nothing to choose (the common, fast path).
                Invariant.That(first.Time >= Now, "events run in time order");
                ev = first;
                Now = first.Time;
                Steps++;
                return true;
            }
            _readyTime = first.Time;
            _ready.Add(first);
        }
        // Gather everything due at the same instant, including events just scheduled for "now".
        while (_heap.Count > 0 && _heap.PeekTime() == _readyTime) _ready.Add(_heap.Pop());

        int index = 0;
        if (_ready.Count > 1 && _tieBreak == TieBreak.Choice) index = (int)_choices.NextUInt64((ulong)_ready.Count);
        ev = _ready[index];
        _ready.RemoveAt(index);
        Invariant.That(ev.Time >= Now, "events run in time order");
        Now = ev.Time;
        Steps++;
        return true;
    }

    /// <summary>The picker chooses among the lane heads due within its window (<see cref="IEventPicker"/>).</summary>
    private bool TryDequeuePicked(out SimEvent ev)
    {
        if (_heap.Count == 0)
        {
            ev = default;
            return false;
        }
        SimEvent first = _heap.Pop();
        long window = _picker!.Window.Micros;
        SimTime horizon = new(first.Time.Micros > _limit.Micros - window ? _limit.Micros : first.Time.Micros + window);
        _window.Clear();
        _window.Add(first);
        while (_heap.Count > 0 && _heap.PeekTime() <= horizon) _window.Add(_heap.Pop());
        int chosen = 0;
        if (_window.Count > 1)
        {
            _enabled.Clear();
            _enabledAt.Clear();
            for (int i = 0; i < _window.Count; i++)
            {
                Lane lane = Lane.Of(_window[i]);
                bool head = true;
                for (int j = 0; j < _enabled.Count && head; j++) head = _enabled[j].Lane != lane;
                if (!head) continue; // a lane runs in (time, sequence) order: only its earliest event is enabled
                _enabled.Add(new EnabledEvent(lane, _window[i].Time, _window[i].Kind));
                _enabledAt.Add(i);
            }
            if (_enabled.Count > 1)
            {
                int pick = _picker.Pick(_enabled, Steps, Now);
                Invariant.That((uint)pick < (uint)_enabled.Count, "the picker chose an event that is not enabled");
                chosen = _enabledAt[pick];
            }
            for (int i = 0; i < _window.Count; i++)
                if (i != chosen) _heap.Push(_window[i]); // keeps its sequence number
        }
        ev = _window[chosen];
        // Overtaken events run late, never early: time only moves forward.
        if (ev.Time < Now) ev.Time = Now;
        Now = ev.Time;
        Steps++;
        return true;
    }

    /// <summary>Time of the next event, if any.</summary>
    public bool TryPeekTime(out SimTime time)
    {
        if (_ready.Count > 0) { time = _readyTime; return true; }
        if (_heap.Count > 0) { time = _heap.PeekTime(); return true; }
        time = default;
        return false;
    }

    /// <summary>Runs events until quiescence, the time limit, the step budget or a stop request.</summary>
    public RunOutcome Run(IEventDispatcher dispatcher, RunLimits limits)
    {
        limits.Validate();
        _limit = limits.TimeLimit;
        long budgetEnd = Steps + limits.StepBudget;
        while (true)
        {
            if (_ready.Count == 0 && _heap.Count == 0) return RunOutcome.Quiescent;
            SimTime next = _ready.Count > 0 ? _readyTime : _heap.PeekTime();
            if (next > limits.TimeLimit)
            {
                Now = SimTime.Max(Now, limits.TimeLimit);
                return RunOutcome.TimeLimit;
            }
            if (Steps >= budgetEnd) return RunOutcome.Livelock;
            TryDequeue(out SimEvent ev);
            if (!dispatcher.Dispatch(ev)) return RunOutcome.Stopped;
        }
    }
}
