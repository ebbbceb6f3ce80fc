using DetSim.Core.Nodes;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Core.Tests.Nodes;

public class LifecycleTests
{
    private sealed class Counter : INode
    {
        public static int Instances;
        public int Ticks;
        public long Recovered;

        public Counter() => Instances++;

        public void OnStart(INodeContext context)
        {
            var f = context.Disk.TryOpen("count");
            Recovered = f is { Chunks.Count: > 0 } ? (long)f.Chunks[^1].Value! : 0;
            context.SetTimer(Duration.FromMillis(10), 0);
        }

        public void OnMessage(INodeContext context, int from, object message) => context.Note($"got {message}");

        public void OnTimer(INodeContext context, long tag, object? state)
        {
            Ticks++;
            var f = context.Disk.OpenOrCreate("count");
            f.Overwrite(Recovered + Ticks, 8);
            if (Ticks % 2 == 0) f.Fsync();
            context.SetTimer(Duration.FromMillis(10), 0);
        }
    }

    [Fact]
    public void A_crash_loses_memory_and_timers_and_a_restart_recovers_the_synced_disk()
    {
        Counter.Instances = 0;
        var sim = new Simulation(new SimulationOptions { Seed = 1, CaptureTrace = true });
        int n = sim.AddNode("c", () => new Counter());
        sim.Schedule(SimTime.FromMillis(35), "crash", s => s.Crash(n));    // after 3 ticks; tick 2 was synced
        sim.Schedule(SimTime.FromMillis(100), "restart", s => s.Restart(n));
        sim.Run(new RunLimits { TimeLimit = SimTime.FromMillis(125) });
        var c = (Counter)sim.InstanceOf(n)!;
        Assert.Equal(2, Counter.Instances);
        Assert.Equal(2, c.Recovered);       // the unsynced third tick is gone
        Assert.Equal(2, c.Ticks);           // ticks at 110 ms and 120 ms: no timer survived the crash
        Assert.Contains(sim.Trace.Records, r => r.Kind == DetSim.Core.Tracing.TraceKind.Crash);
    }

    [Fact]
    public void Messages_in_flight_to_a_crashed_node_are_dropped()
    {
        var sim = new Simulation(new SimulationOptions { Seed = 1, CaptureTrace = true, Network = DetSim.Core.Network.LinkOptions.Default with { Latency = DetSim.Core.Network.Latency.Constant(Duration.FromMillis(5)) } });
        var r = new Recorder();
        sim.AddNode("r", () => r);
        sim.AddNode("s", () => new Recorder());
        sim.Schedule(SimTime.FromMillis(1), "send", s => s.Inject(1, 0, "hello"));
        sim.Schedule(SimTime.FromMillis(3), "crash r", s => s.Crash(0));
        sim.Schedule(SimTime.FromMillis(4), "restart r", s => s.Restart(0));
        sim.Run();
        Assert.Empty(((Recorder)sim.InstanceOf(0)!).Received);
        Assert.Contains(sim.Trace.Records, x => x.Kind == DetSim.Core.Tracing.TraceKind.Drop && x.Detail == "target-crashed");
    }

    [Fact]
    public void A_paused_node_runs_what_arrived_after_it_resumes_in_arrival_order()
    {
        var sim = new Simulation(new SimulationOptions { Seed = 1, Network = DetSim.Core.Network.LinkOptions.Default with { Latency = DetSim.Core.Network.Latency.Constant(Duration.FromMillis(1)) } });
        var r = new Recorder();
        sim.AddNode("r", () => r);
        sim.AddNode("s", () => new Recorder());
        sim.Schedule(SimTime.FromMillis(1), "pause", s => s.Pause(0));
        for (int i = 0; i < 5; i++)
        {
            long v = i;
            sim.Schedule(SimTime.FromMillis(2 + i), "send", s => s.Inject(1, 0, v));
        }
        sim.Schedule(SimTime.FromMillis(50), "resume", s => s.Resume(0));
        sim.Run();
        Assert.Equal([0L, 1L, 2L, 3L, 4L], r.Received.Select(x => (long)x.Message));
        Assert.All(r.Received, x => Assert.InRange(x.At.Micros, 50_000, 50_010));
    }
}
