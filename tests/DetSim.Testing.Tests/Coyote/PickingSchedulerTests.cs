using DetSim.Core;
using DetSim.Core.Nodes;
using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Testing.Tests.Coyote;

/// <summary>The kernel's picking mode: lanes keep their order, nothing runs early, lateness stays within the window.</summary>
public class PickingSchedulerTests
{
    /// <summary>Always picks the last enabled lane: the most "unfair" schedule there is.</summary>
    private sealed class LastPicker(Duration window) : IEventPicker
    {
        public Duration Window => window;
        public int Decisions;
        public int Pick(IReadOnlyList<EnabledEvent> enabled, long step, SimTime now)
        {
            Decisions++;
            for (int i = 1; i < enabled.Count; i++) Assert.True(enabled[i - 1].Lane != enabled[i].Lane, "a lane offered twice");
            return enabled.Count - 1;
        }
    }

    private sealed class Action(Action<Simulation> run) : IScheduledAction
    {
        public void Run(Simulation simulation) => run(simulation);
    }

    [Fact]
    public void Events_run_late_by_at_most_the_window_and_never_early()
    {
        var picker = new LastPicker(Duration.FromMillis(1));
        var sim = new Simulation(new SimulationOptions { Seed = 1, Choices = new PickingChoiceSource(1, picker) });
        var ran = new List<(long Due, long At)>();
        for (int i = 0; i < 200; i++)
        {
            long due = i * 150; // many events inside one window
            sim.Schedule(new SimTime(due), new Action(s => ran.Add((due, s.Now.Micros))));
        }
        sim.Run();
        Assert.Equal(200, ran.Count);
        // One harness lane: its events keep their order, so no decision was needed.
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i * 150L), ran.Select(r => r.Due));
        Assert.All(ran, r => Assert.InRange(r.At - r.Due, 0, 1000));
    }

    [Fact]
    public void Two_nodes_timers_interleave_within_the_window_each_in_order()
    {
        var picker = new LastPicker(Duration.FromMillis(1));
        var sim = new Simulation(new SimulationOptions { Seed = 1, Choices = new PickingChoiceSource(1, picker) });
        var log = new List<(string Node, long Tag, long Due, long At)>();
        sim.AddNode("a", () => new Ticker(log, 0));
        sim.AddNode("b", () => new Ticker(log, 100));
        sim.Run(new RunLimits { TimeLimit = SimTime.FromMillis(20) });
        Assert.True(picker.Decisions > 10);
        foreach (string n in new[] { "a", "b" })
        {
            var mine = log.Where(l => l.Node == n).ToList();
            Assert.Equal(mine.Select(m => m.Tag).Order(), mine.Select(m => m.Tag)); // a node's timers keep their order
        }
        Assert.All(log, l => Assert.InRange(l.At - l.Due, 0, 1000));
    }

    private sealed class Ticker(List<(string, long, long, long)> log, long offset) : INode
    {
        private long _n;
        public void OnStart(INodeContext ctx) => Next(ctx);
        public void OnMessage(INodeContext ctx, int from, object message) { }
        public void OnTimer(INodeContext ctx, long tag, object? state)
        {
            log.Add((ctx.Name, tag, (long)state!, ctx.Now.Micros));
            Next(ctx);
        }
        private void Next(INodeContext ctx)
        {
            _n++;
            long after = _n == 1 ? 300 + offset : 300;
            ctx.SetTimer(Duration.FromMicros(after), _n, ctx.Now.Micros + after);
        }
    }
}
