using DetSim.Core.Disk;
using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Core.Tests.Network;

/// <summary>A node that streams numbers to a peer over one connection, one per millisecond.</summary>
internal sealed class StreamSender(string peer, int count) : INode
{
    public Connection? Conn;
    public List<CloseReason> Closed { get; } = new();
    private int _sent;

    public void OnStart(INodeContext context)
    {
        Conn = context.Connect(context.Lookup(peer));
        context.SetTimer(Duration.FromMillis(1), 0);
    }

    public void OnMessage(INodeContext context, int from, object message) { }

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        if (_sent >= count || Conn is null) return;
        context.Send(Conn.Value, (long)++_sent);
        context.SetTimer(Duration.FromMillis(1), 0);
    }

    public void OnDisconnected(INodeContext context, Connection connection, CloseReason reason)
    {
        Closed.Add(reason);
        Conn = null;
    }
}

/// <summary>Accepts connections and records what arrives on them, and how they end.</summary>
internal sealed class StreamReceiver : INode
{
    public List<long> Received { get; } = new();
    public List<(SimTime At, CloseReason Reason)> Closed { get; } = new();
    public int Accepted { get; private set; }

    public void OnStart(INodeContext context) { }
    public void OnMessage(INodeContext context, int from, object message) => Received.Add((long)message);
    public void OnTimer(INodeContext context, long tag, object? state) { }
    public void OnConnected(INodeContext context, Connection connection) => Accepted++;
    public void OnDisconnected(INodeContext context, Connection connection, CloseReason reason) => Closed.Add((context.Now, reason));
}

public class ConnectionTests
{
    private static (Simulation Sim, StreamSender Sender, Func<StreamReceiver> Receiver) Pair(ulong seed, int count, LinkOptions? link = null)
    {
        var sim = new Simulation(new SimulationOptions { Seed = seed, Network = link ?? LinkOptions.Default });
        var sender = new StreamSender("b", count);
        StreamReceiver? receiver = null;
        sim.AddNode("a", () => sender);
        sim.AddNode("b", () => receiver = new StreamReceiver());
        return (sim, sender, () => receiver!);
    }

    [Fact]
    public void A_partition_delays_the_stream_and_never_loses_its_middle()
    {
        for (ulong seed = 1; seed <= 20; seed++)
        {
            var (sim, _, receiver) = Pair(seed, 100);
            sim.Schedule(SimTime.FromMillis(30), "partition", s => s.Network.Partition(0, 1));
            sim.Schedule(SimTime.FromMillis(60), "heal", s => s.Network.HealAll());
            sim.Run();
            Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), receiver().Received);
        }
    }

    [Fact]
    public void Loss_and_duplication_apply_to_datagrams_never_inside_a_stream()
    {
        var lossy = LinkOptions.Default with { Loss = Ratio.Percent(30), Duplicate = Ratio.Percent(30) };
        var (sim, _, receiver) = Pair(7, 200, lossy);
        sim.Run();
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), receiver().Received);
    }

    [Fact]
    public void A_killed_process_still_sends_what_it_wrote_and_the_peer_sees_the_close_at_once()
    {
        var (sim, _, receiver) = Pair(3, 1000, LinkOptions.Default with { Latency = Latency.Constant(Duration.FromMillis(5)) });
        sim.Schedule(SimTime.FromMillis(20) + Duration.FromMicros(500), "kill -9 a", s => s.Crash(0, CrashMode.ProcessCrash));
        sim.Run();
        // 20 sends (at 1..20 ms) were in flight or delivered; every one arrives, then the close, 5 ms later.
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), receiver().Received);
        var closed = Assert.Single(receiver().Closed);
        Assert.Equal(CloseReason.Closed, closed.Reason);
        Assert.True(closed.At <= SimTime.FromMillis(26), $"closed at {closed.At}");
    }

    [Fact]
    public void A_power_loss_takes_unsent_bytes_and_the_peer_learns_nothing()
    {
        var (sim, _, receiver) = Pair(3, 1000, LinkOptions.Default with { Latency = Latency.Constant(Duration.FromMillis(5)) });
        sim.Schedule(SimTime.FromMillis(20) + Duration.FromMicros(500), "power off a", s => s.Crash(0, CrashMode.DropUnsynced));
        sim.Run(new RunLimits { TimeLimit = SimTime.FromSeconds(10) });
        Assert.Equal(Enumerable.Range(1, 15).Select(i => (long)i), receiver().Received); // 16..20 were still on their way
        Assert.Empty(receiver().Closed);
    }

    [Fact]
    public void After_a_power_loss_and_reboot_the_peers_next_segment_is_answered_with_a_reset()
    {
        // b streams to a; a loses power and comes back; b's next segment meets a host that forgot the connection.
        var sim = new Simulation(new SimulationOptions { Seed = 5 });
        sim.AddNode("a", () => new StreamReceiver());
        var sender = new StreamSender("a", 1000);
        sim.AddNode("b", () => sender);
        sim.Schedule(SimTime.FromMillis(50), "power off a", s => s.Crash(0, CrashMode.DropUnsynced));
        sim.Schedule(SimTime.FromMillis(900), "boot a", s => s.Restart(0));
        sim.Run(new RunLimits { TimeLimit = SimTime.FromSeconds(5) });
        Assert.Equal([CloseReason.Reset], sender.Closed);
    }

    [Fact]
    public void A_partition_that_outlasts_the_retransmissions_times_out_at_the_sender()
    {
        var tcp = TcpOptions.Default with { GiveUpAfter = Duration.FromSeconds(3) };
        var sim = new Simulation(new SimulationOptions { Seed = 1, Tcp = tcp });
        var sender = new StreamSender("b", 100);
        StreamReceiver? receiver = null;
        sim.AddNode("a", () => sender);
        sim.AddNode("b", () => receiver = new StreamReceiver());
        sim.Schedule(SimTime.FromMillis(10), "partition", s => s.Network.Partition(0, 1));
        sim.Run(new RunLimits { TimeLimit = SimTime.FromSeconds(60) });
        Assert.Equal([CloseReason.TimedOut], sender.Closed);
        Assert.Empty(receiver!.Closed); // the far end learns only from its own timeouts
        Assert.Equal(0, sim.OpenConnections - 1); // b still holds its end
    }

    [Fact]
    public void Connecting_to_a_killed_process_is_refused()
    {
        var sim = new Simulation(new SimulationOptions { Seed = 1 });
        var sender = new StreamSender("b", 5);
        sim.AddNode("a", () => sender);
        sim.AddNode("b", () => new StreamReceiver());
        sim.Schedule(SimTime.Zero, "kill b", s => s.Crash(1, CrashMode.ProcessCrash));
        sim.Run();
        Assert.Equal([CloseReason.Refused], sender.Closed);
    }

    [Fact]
    public void The_trace_hash_covers_what_a_message_carries()
    {
        static ulong Hash(long offset)
        {
            var sim = new Simulation(new SimulationOptions { Seed = 9 });
            sim.AddNode("a", () => new OneShot(offset));
            sim.AddNode("b", () => new StreamReceiver());
            return sim.Run().TraceHash;
        }
        Assert.Equal(Hash(1), Hash(1));
        Assert.NotEqual(Hash(1), Hash(2));
    }

    private sealed class OneShot(long value) : INode
    {
        public void OnStart(INodeContext context) => context.Send(context.Connect(1), value);
        public void OnMessage(INodeContext context, int from, object message) { }
        public void OnTimer(INodeContext context, long tag, object? state) { }
    }
}
