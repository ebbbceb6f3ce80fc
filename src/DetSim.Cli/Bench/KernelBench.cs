using System.Diagnostics;
using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Cli.Bench;

/// <summary>
/// The same event sequence through the DetSim Scheduler and through a bare PriorityQueue loop,
/// measured side by side in one process: N nodes with 64 events in flight each; every event
/// schedules one successor, a message to a random node after a random delay or (every 8th) a
/// timer for itself, so the queue stays the same size and a warm run should allocate nothing.
/// Both order events by (time, sequence): the Scheduler with <see cref="TieBreak.Sequence"/>, the
/// bare loop by its priority, so both run exactly the same events in the same order and draw the
/// same random numbers (their checksums over every event's time, target and tag must agree). The
/// Scheduler's default tie-break (the choice source picks among events due at the same instant) is
/// measured too, as its own row: it runs a different sequence, so it is not in the ratio.
/// </summary>
public static class KernelBench
{
    public sealed record Figures(string Name, long Events, double Seconds, double BytesPerEvent, ulong Checksum)
    {
        public double EventsPerSecond => Events / Seconds;
    }

    public static Figures Scheduler(int nodes, long events, ulong seed, TieBreak tieBreak = TieBreak.Sequence)
    {
        var random = new SimRandom(seed);
        var scheduler = new Scheduler(random.Fork("ties"), tieBreak);
        var dispatcher = new Dispatcher(scheduler, random.Fork("work"), nodes, events);
        for (int n = 0; n < nodes * 64; n++) scheduler.Schedule(SimEvent.Message(new SimTime(n), n % nodes, n % nodes, 0, n, null));
        string name = tieBreak == TieBreak.Sequence ? "Scheduler" : "Scheduler, ties chosen";
        return Measure(name, () => scheduler.Run(dispatcher, new RunLimits { StepBudget = events * 4 }), () => dispatcher.Dispatched, () => dispatcher.Checksum);
    }

    public static Figures Bare(int nodes, long events, ulong seed)
    {
        var random = new SimRandom(seed).Fork("work");
        var queue = new PriorityQueue<(int Target, long Tag), (long Time, long Seq)>(new TimeThenSequence());
        long seq = 0, dispatched = 0;
        ulong checksum = 0;
        for (int n = 0; n < nodes * 64; n++) queue.Enqueue((n % nodes, n), (n, seq++));
        return Measure("PriorityQueue loop", () =>
        {
            while (queue.TryDequeue(out var ev, out var key))
            {
                dispatched++;
                checksum = Mix(checksum, key.Time, ev.Target, ev.Tag);
                if (dispatched >= events) continue;
                int to = (int)random.NextUInt64((ulong)nodes);
                long delay = 1 + (long)random.NextUInt64(1000);
                if ((ev.Tag & 7) == 0) queue.Enqueue((ev.Target, ev.Tag + 1), (key.Time + 500, seq++));
                else queue.Enqueue((to, ev.Tag + 1), (key.Time + delay, seq++));
            }
        }, () => dispatched, () => checksum);
    }

    private static ulong Mix(ulong checksum, long time, int target, long tag) =>
        unchecked(((checksum * 31 + (ulong)time) * 31 + (ulong)target) * 31 + (ulong)tag);

    private static Figures Measure(string name, Action run, Func<long> events, Func<ulong> checksum)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        run();
        double seconds = clock.Elapsed.TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        return new Figures(name, events(), seconds, (double)allocated / Math.Max(1, events()), checksum());
    }

    /// <summary>(time, sequence) compared field by field, as the Scheduler's heap does.</summary>
    private sealed class TimeThenSequence : IComparer<(long Time, long Seq)>
    {
        public int Compare((long Time, long Seq) a, (long Time, long Seq) b) =>
            a.Time != b.Time ? a.Time.CompareTo(b.Time) : a.Seq.CompareTo(b.Seq);
    }

    private sealed class Dispatcher(Scheduler scheduler, SimRandom random, int nodes, long events) : IEventDispatcher
    {
        public long Dispatched;
        public ulong Checksum;

        public bool Dispatch(in SimEvent ev)
        {
            Dispatched++;
            Checksum = Mix(Checksum, ev.Time.Micros, ev.Target, ev.Tag);
            if (Dispatched >= events) return true;
            int to = (int)random.NextUInt64((ulong)nodes);
            long delay = 1 + (long)random.NextUInt64(1000);
            if ((ev.Tag & 7) == 0) scheduler.Schedule(SimEvent.Timer(ev.Time + Duration.FromMicros(500), ev.Target, 0, ev.Tag + 1, null));
            else scheduler.Schedule(SimEvent.Message(ev.Time + Duration.FromMicros(delay), ev.Target, to, 0, ev.Tag + 1, null));
            return true;
        }
    }
}
