using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DetSim.Core.Tests.Scheduling;

public class SchedulerTests
{
    private sealed class Collect : IEventDispatcher
    {
        public readonly List<SimEvent> Seen = new();
        public bool Dispatch(in SimEvent ev) { Seen.Add(ev); return true; }
    }

    private static List<SimEvent> RunAll(ulong seed, int[] times, TieBreak tieBreak)
    {
        var s = new Scheduler(new SimRandom(seed), tieBreak);
        foreach (int t in times) s.Schedule(SimEvent.Timer(new SimTime(t), 0, 0, t, null));
        var c = new Collect();
        Assert.Equal(RunOutcome.Quiescent, s.Run(c, RunLimits.Default));
        return c.Seen;
    }

    private static Arbitrary<int[]> Times => Gen.Choose(0, 20).ArrayOf().ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Sequence_tie_break_runs_events_in_time_then_sequence_order() =>
        Prop.ForAll(Times, times =>
        {
            var seen = RunAll(1, times, TieBreak.Sequence);
            return seen.Count == times.Length && seen.Zip(seen.Skip(1)).All(p => p.First.Time < p.Second.Time || (p.First.Time == p.Second.Time && p.First.Seq < p.Second.Seq));
        });

    [Property(MaxTest = 300)]
    public Property Choice_tie_break_never_runs_time_backwards() =>
        Prop.ForAll(Times, ArbMap.Default.ArbFor<ulong>(), (times, seed) =>
        {
            var seen = RunAll(seed, times, TieBreak.Choice);
            return seen.Count == times.Length && seen.Zip(seen.Skip(1)).All(p => p.First.Time <= p.Second.Time);
        });

    [Fact]
    public void Choice_tie_break_really_reorders_simultaneous_events()
    {
        int[] times = [5, 5, 5, 5, 5];
        var orders = Enumerable.Range(1, 20).Select(seed => string.Join(",", RunAll((ulong)seed, times, TieBreak.Choice).Select(e => e.Seq))).ToHashSet();
        Assert.True(orders.Count > 5, $"only {orders.Count} distinct orders over 20 seeds");
    }

    [Fact]
    public void Scheduling_in_the_past_is_a_bug_in_the_caller()
    {
        var s = new Scheduler(new SimRandom(1));
        s.Schedule(SimEvent.Timer(new SimTime(10), 0, 0, 0, null));
        s.TryDequeue(out _);
        Assert.Throws<InvariantViolatedException>(() => s.Schedule(SimEvent.Timer(new SimTime(5), 0, 0, 0, null)));
    }
}
