using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using Microsoft.Coyote.Runtime;

namespace DetSim.Testing.Coyote;

/// <summary>
/// Hands DetSim's scheduling decisions to Coyote's scheduler. Every lane (a connection's stream
/// direction, a link's datagrams, a node's timers, the harness) is a Coyote-controlled operation
/// on a thread of its own; at a decision the run's operation pauses, the lanes with an enabled
/// event become enabled operations, and whichever one Coyote's strategy schedules is the event that
/// runs next. So PCT's priorities, fair PCT, delay bounding and Q-learning act on real scheduling
/// decisions between lanes, and Coyote's reproducible trace replays them. Lane threads do nothing
/// but answer "me": the model itself runs on the test's thread, one event at a time.
/// </summary>
internal sealed class CoyotePicker(Duration window) : IEventPicker
{
    private readonly Dictionary<Lane, LaneOperation> _lanes = new();
    private readonly List<LaneOperation> _enabled = new();
    private LaneOperation? _chosen;
    private volatile bool _done;
    private int _completed;

    public Duration Window => window;

    /// <summary>Lanes that became Coyote operations in this iteration.</summary>
    public int Lanes => _lanes.Count;

    public long Decisions { get; private set; }

    public int Pick(IReadOnlyList<EnabledEvent> enabled, long step, SimTime now)
    {
        Decisions++;
        _chosen = null;
        _enabled.Clear();
        for (int i = 0; i < enabled.Count; i++)
        {
            LaneOperation op = OperationOf(enabled[i].Lane);
            op.Index = i;
            op.Enabled = true;
            _enabled.Add(op);
        }
        // The run's operation waits; Coyote schedules one of the enabled lanes, which names itself.
        Operation.PauseUntil(() => _chosen is not null);
        return _chosen!.Index;
    }

    /// <summary>Ends every lane operation; the iteration can then finish.</summary>
    public void Finish()
    {
        _done = true;
        int total = _lanes.Count;
        if (total > 0) Operation.PauseUntil(() => Volatile.Read(ref _completed) == total);
    }

    private void Choose(LaneOperation op)
    {
        foreach (LaneOperation e in _enabled) e.Enabled = false;
        _chosen = op;
    }

    private LaneOperation OperationOf(Lane lane)
    {
        if (_lanes.TryGetValue(lane, out LaneOperation? op)) return op;
        ulong id = Operation.CreateNext() ?? throw new InvalidOperationException("CoyotePicker runs only inside Coyote's TestingEngine");
        op = new LaneOperation(id);
        _lanes.Add(lane, op);
        var thread = new Thread(() => RunLane(op)) { IsBackground = true, Name = $"coyote lane {lane}" };
        Operation.Start(id);
        thread.Start();
        return op;
    }

    private void RunLane(LaneOperation op)
    {
        try
        {
            Operation.OnStarted(op.Id);
            while (true)
            {
                Operation.PauseUntil(() => op.Enabled || _done);
                if (_done) break;
                Choose(op);
            }
        }
        catch (Exception)
        {
            // Coyote cancels paused operations when an iteration ends early (a bug found, a bound hit).
        }
        finally
        {
            Interlocked.Increment(ref _completed);
            try
            {
                Operation.OnCompleted();
                Operation.ScheduleNext();
            }
            catch (Exception)
            {
                // The engine has already detached from this iteration.
            }
        }
    }

    private sealed class LaneOperation(ulong id)
    {
        public ulong Id { get; } = id;
        public int Index;
        public volatile bool Enabled;
    }
}
