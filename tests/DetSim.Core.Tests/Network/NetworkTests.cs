using DetSim.Core.Network;
using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using FsCheck.Xunit;

namespace DetSim.Core.Tests.Network;

public class NetworkTests
{
    private static (Simulation Sim, Recorder A, Recorder B) Pair(ulong seed, LinkOptions? link = null)
    {
        var a = new Recorder();
        var b = new Recorder();
        var sim = new Simulation(new SimulationOptions { Seed = seed, Network = link ?? LinkOptions.Default });
        sim.AddNode("a", () => a);
        sim.AddNode("b", () => b);
        return (sim, a, b);
    }

    private static void SendAt(Simulation sim, SimTime at, string from, string to, object msg) =>
        sim.Schedule(at, $"send {msg}", s => s.Inject(s.Require(from), s.Require(to), msg));

    [Property(MaxTest = 50)]
    public bool A_partitioned_link_delivers_nothing_until_healed(ulong seed)
    {
        var (sim, _, b) = Pair(seed);
        sim.Schedule(SimTime.FromMillis(1), "cut", s => s.Network.Partition(0, 1));
        for (int i = 0; i < 20; i++) SendAt(sim, SimTime.FromMillis(2 + i), "a", "b", (long)i);
        sim.Schedule(SimTime.FromMillis(100), "heal", s => s.Network.HealAll());
        SendAt(sim, SimTime.FromMillis(101), "a", "b", 99L);
        sim.Run();
        return b.Received.Count == 1 && (long)b.Received[0].Message == 99 && b.Received[0].At > SimTime.FromMillis(100);
    }

    [Fact]
    public void A_one_way_partition_blocks_only_one_direction_and_in_flight_messages_are_lost()
    {
        var (sim, a, b) = Pair(1, LinkOptions.Default with { Latency = Latency.Constant(Duration.FromMillis(10)) });
        SendAt(sim, SimTime.FromMillis(1), "a", "b", 1L);                         // in flight when the cut happens
        sim.Schedule(SimTime.FromMillis(5), "cut a->b", s => s.Network.Partition(0, 1, oneWay: true));
        SendAt(sim, SimTime.FromMillis(6), "a", "b", 2L);
        SendAt(sim, SimTime.FromMillis(6), "b", "a", 3L);
        sim.Run();
        Assert.Empty(b.Received);
        Assert.Equal(3L, Assert.Single(a.Received).Message);
    }

    [Property(MaxTest = 50)]
    public bool Links_are_fifo_unless_reordering_is_on(ulong seed)
    {
        var (sim, _, b) = Pair(seed, LinkOptions.Default with { Latency = new Latency { Min = Duration.FromMicros(10), Jitter = Duration.FromMillis(5) } });
        for (int i = 0; i < 50; i++) SendAt(sim, new SimTime(100 + i * 10), "a", "b", (long)i);
        sim.Run();
        return b.Received.Select(r => (long)r.Message).SequenceEqual(Enumerable.Range(0, 50).Select(i => (long)i));
    }

    [Fact]
    public void Reordering_links_can_overtake()
    {
        int reordered = 0;
        for (ulong seed = 1; seed <= 10; seed++)
        {
            var (sim, _, b) = Pair(seed, LinkOptions.Default with { Reorder = true, Latency = new Latency { Min = Duration.FromMicros(10), Jitter = Duration.FromMillis(5) } });
            for (int i = 0; i < 50; i++) SendAt(sim, new SimTime(100 + i * 10), "a", "b", (long)i);
            sim.Run();
            if (!b.Received.Select(r => (long)r.Message).SequenceEqual(Enumerable.Range(0, 50).Select(i => (long)i))) reordered++;
        }
        Assert.True(reordered > 5);
    }

    [Fact]
    public void Loss_and_duplication_happen_at_their_rates()
    {
        var (sim, _, b) = Pair(3, LinkOptions.Default with { Loss = Ratio.Percent(20), Duplicate = Ratio.Percent(10) });
        for (int i = 0; i < 2000; i++) SendAt(sim, new SimTime(100 + i * 10), "a", "b", (long)i);
        sim.Run();
        int distinct = b.Received.Select(r => r.Message).Distinct().Count();
        Assert.InRange(distinct, 1520, 1680);                       // 80% arrive
        Assert.InRange(b.Received.Count - distinct, 110, 210);     // 10% of those twice
    }

    [Fact]
    public void A_slow_link_multiplies_latency_and_latency_has_a_tail()
    {
        var (sim, _, b) = Pair(4, LinkOptions.Default with { Latency = Latency.Constant(Duration.FromMillis(1)) });
        sim.Network.Slow(0, 1, 10, Duration.FromMillis(2));
        SendAt(sim, SimTime.FromMillis(1), "a", "b", 1L);
        sim.Run();
        Assert.Equal(SimTime.FromMillis(1 + 12), b.Received[0].At);

        var lan = Latency.Lan;
        var r = new SimRandom(8);
        var samples = Enumerable.Range(0, 20_000).Select(_ => lan.Sample(r).Micros).ToList();
        Assert.All(samples, s => Assert.True(s >= lan.Min.Micros));
        Assert.True(samples.Max() > 20 * 300, "the tail reaches far beyond the mean");
    }
}
