using DetSim.Core.Nodes;
using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Core.Tests;

/// <summary>A node that gossips with random peers on a timer and appends what it hears to its disk.</summary>
internal sealed class GossipNode : INode
{
    public List<(int From, long Value)> Heard { get; } = new();
    public int Starts { get; private set; }

    public void OnStart(INodeContext context)
    {
        Starts++;
        context.SetTimer(Duration.FromMillis(1 + context.Random.NextInt(5)), 0);
    }

    public void OnMessage(INodeContext context, int from, object message)
    {
        long v = (long)message;
        Heard.Add((from, v));
        var log = context.Disk.OpenOrCreate("heard.log");
        log.Append(BitConverter.GetBytes(v));
        if (context.Random.Chance(Ratio.Percent(50))) log.Fsync();
    }

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        int peers = 0;
        while (context.NameOf(peers) != $"#{peers}") peers++;
        int to = context.Random.NextInt(peers);
        if (to != context.Self) context.Send(to, (long)context.Random.NextInt(1000));
        context.SetTimer(Duration.FromMillis(1 + context.Random.NextInt(5)), tag + 1);
    }
}

/// <summary>A node whose every timer schedules another at the same instant: it never lets a run end.</summary>
internal sealed class SpinNode : INode
{
    public void OnStart(INodeContext context) => context.SetTimer(Duration.Zero, 0);
    public void OnMessage(INodeContext context, int from, object message) { }
    public void OnTimer(INodeContext context, long tag, object? state) => context.SetTimer(Duration.Zero, tag + 1);
}

/// <summary>Records what it receives, in order, with the time it saw.</summary>
internal sealed class Recorder : INode
{
    public List<(SimTime At, object Message)> Received { get; } = new();
    public List<long> Timers { get; } = new();
    public void OnStart(INodeContext context) { }
    public void OnMessage(INodeContext context, int from, object message) => Received.Add((context.Now, message));
    public void OnTimer(INodeContext context, long tag, object? state) => Timers.Add(tag);
}

internal static class Sims
{
    public static Simulation Gossip(ulong seed, int nodes = 4, bool capture = false, bool stepHashes = false)
    {
        var sim = new Simulation(new SimulationOptions { Seed = seed, CaptureTrace = capture, KeepStepHashes = stepHashes });
        for (int i = 0; i < nodes; i++) sim.AddNode($"n{i + 1}", () => new GossipNode());
        return sim;
    }
}
