using DetSim.Core;
using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Core.Time;
using DetSim.Harness.Failover;
using DetSim.Harness.Routing;

namespace DetSim.Harness.Tests;

/// <summary>The failover tool only knows what servers answer over the network.</summary>
public class FailoverNodeTests
{
    private sealed record Status(string Name);
    private sealed record Promote;

    /// <summary>Answers a status query with its name; promotes itself on request.</summary>
    private sealed class Server(string name) : INode
    {
        public bool Promoted { get; private set; }

        public void OnStart(INodeContext context) { }
        public void OnMessage(INodeContext context, int from, object message) { }
        public void OnTimer(INodeContext context, long tag, object? state) { }

        public void OnReceive(INodeContext context, Connection connection, object message)
        {
            if (message is not AdminRequest req) return;
            if (req.Command is Promote) Promoted = true;
            context.Send(connection, new AdminReply(req.Id, new Status(name), null));
        }
    }

    /// <summary>Promotes the first server that answered other than the failed one.</summary>
    private sealed class FirstAnswer : IRecoveryPolicy
    {
        public object StatusQuery { get; } = new Status("?");
        public Recovery? Seen { get; private set; }

        public void Recover(Recovery recovery)
        {
            Seen = recovery;
            string? pick = recovery.Seen.Keys.FirstOrDefault(n => n != recovery.FailedSource);
            if (pick is null) { recovery.Finish("nobody"); return; }
            recovery.Ask(pick, new Promote(), Duration.FromMillis(100), a =>
            {
                recovery.Publish(new ServiceRoute(pick, []), "promoted");
                recovery.Finish(a.Ok ? $"promoted {pick}" : $"failed {a.Unreachable}");
            });
        }
    }

    private static (Simulation Sim, FirstAnswer Policy, ServiceDirectory Directory, List<object> Records) Cluster()
    {
        var sim = new Simulation(new SimulationOptions { Seed = 7 });
        var directory = new ServiceDirectory("a", ["b", "c"], () => sim.Now);
        var policy = new FirstAnswer();
        var records = new List<object>();
        foreach (string n in new[] { "a", "b", "c" }) sim.AddNode(n, () => new Server(n));
        sim.AddNode("tool", () => new FailoverNode(["a", "b", "c"], policy, directory, records.Add));
        return (sim, policy, directory, records);
    }

    private static FailoverNode Tool(Simulation sim) => (FailoverNode)sim.InstanceOf(sim.Require("tool"))!;

    [Fact]
    public void A_crashed_or_partitioned_server_is_one_the_tool_cannot_see()
    {
        var (sim, policy, directory, records) = Cluster();
        sim.Schedule(SimTime.FromMillis(10), "a dies", s => s.Crash(s.Require("a")));
        sim.Schedule(SimTime.FromMillis(10), "b is cut off", s => s.Network.Partition(s.Require("b"), s.Require("tool")));
        sim.Schedule(SimTime.FromMillis(20), "recover a", _ => Assert.True(Tool(sim).Recover("a")));
        sim.Run(new Core.Scheduling.RunLimits { TimeLimit = SimTime.FromSeconds(5) });

        Recovery seen = policy.Seen!;
        Assert.Equal(["c"], seen.Seen.Keys);
        Assert.False(seen.Probe["b"].Reached);
        Assert.False(seen.Probe["a"].Reached);
        Assert.Equal("promoted c", Assert.Single(records));
        Assert.Equal("c", directory.Source);
        Assert.True(((Server)sim.InstanceOf(sim.Require("c"))!).Promoted);
        // The tool waited for b (the probe timeout), not for the failed source a.
        long at = directory.Changes.Single().At.Micros, probeEnds = (SimTime.FromMillis(20) + FailoverNode.ProbeTimeout).Micros;
        Assert.InRange(at, probeEnds, probeEnds + Duration.FromMillis(50).Micros);
    }

    [Fact]
    public void One_recovery_at_a_time()
    {
        var (sim, _, _, records) = Cluster();
        bool? second = null;
        sim.Schedule(SimTime.FromMillis(10), "recover twice", _ =>
        {
            Assert.True(Tool(sim).Recover("a"));
            second = Tool(sim).Recover("a");
        });
        sim.Run(new Core.Scheduling.RunLimits { TimeLimit = SimTime.FromSeconds(5) });
        Assert.False(second);
        Assert.Single(records);
        Assert.False(Tool(sim).Busy);
    }
}
