using DetSim.Core;
using DetSim.Core.Nodes;
using DetSim.Core.Time;
using DetSim.Harness.History;

namespace DetSim.Harness.Tests;

public class OperationLogTests
{
    private sealed record Sent(long OpId, string What) : OperationLog.IInvocation;
    private sealed record Done(long OpId, bool Ok) : OperationLog.ICompletion;
    private sealed record Op(long Id, string Client, SimTime Invoked, SimTime? Completed, OpOutcome Outcome)
        : HistoryOperation(Id, Client, 0, "server", false, Invoked, Completed, Outcome, 0, null);

    /// <summary>Invokes op 1 at 1 ms, op 2 at 2 ms, ends op 1 at 3 ms and never ends op 2.</summary>
    private sealed class Client : INode
    {
        public void OnStart(INodeContext context)
        {
            context.SetTimer(Duration.FromMillis(1), 1);
            context.SetTimer(Duration.FromMillis(2), 2);
            context.SetTimer(Duration.FromMillis(3), 3);
        }

        public void OnMessage(INodeContext context, int from, object message) { }

        public void OnTimer(INodeContext context, long tag, object? state) =>
            context.Observe(tag == 3 ? new Done(1, true) : new Sent(tag, $"op {tag}"));
    }

    [Fact]
    public void Pairs_each_invocation_with_its_end_in_invocation_order()
    {
        var sim = new Simulation(new SimulationOptions { Seed = 1 });
        sim.AddNode("a", () => new Client());
        sim.AddNode("b", () => new Client());
        sim.Run();

        IReadOnlyList<Op> ops = OperationLog.Pair<Sent, Done, Op>(sim, (id, obs, inv, end) =>
            new Op(id, sim.NameOf(obs.Node), obs.Time, end?.Obs.Time, end is { } e && e.Op.Ok ? OpOutcome.Ok : OpOutcome.Unknown));

        Assert.Equal(4, ops.Count);
        Assert.Equal([1L, 2, 3, 4], ops.Select(o => o.Id));
        // Op ids repeat across nodes: each node's op 1 ends, neither op 2 does.
        Assert.Equal(2, ops.Count(o => o.Acknowledged && o.Completed == SimTime.FromMillis(3)));
        Assert.Equal(2, ops.Count(o => o.Completed is null && o.Invoked == SimTime.FromMillis(2)));
    }

    [Fact]
    public void Pairing_while_the_run_goes_gives_the_history_pairing_after_it_gives()
    {
        var sim = new Simulation(new SimulationOptions { Seed = 1 });
        sim.AddNode("a", () => new Client());
        sim.AddNode("b", () => new Client());
        Func<long, Observation, Sent, (Observation Obs, Done Op)?, string> describe = (id, obs, inv, end) =>
            $"{id} {sim.NameOf(obs.Node)} {inv.What} {obs.Time} -> {end?.Obs.Time.ToString() ?? "open"}";
        OperationLog.Pairing<Sent, Done, string> live = OperationLog.Attach(sim, describe);
        sim.Run();

        IReadOnlyList<string> during = live.Build();
        Assert.Equal(4, during.Count);
        Assert.Equal(OperationLog.Pair(sim, describe), during);
    }
}

public class UnkeptObservationTests
{
    private sealed record Sent(long OpId) : OperationLog.IInvocation;
    private sealed record Done(long OpId) : OperationLog.ICompletion;

    private sealed class Client : INode
    {
        public void OnStart(INodeContext context) => context.SetTimer(Duration.FromMillis(1), 1);
        public void OnMessage(INodeContext context, int from, object message) { }

        public void OnTimer(INodeContext context, long tag, object? state)
        {
            context.Observe(new Sent(tag));
            context.Observe(new Done(tag));
        }
    }

    [Fact]
    public void A_run_that_keeps_no_observations_still_pairs_them_as_they_come_and_refuses_to_list_them()
    {
        var sim = new Simulation(new SimulationOptions { Seed = 1, KeepObservations = false });
        sim.AddNode("a", () => new Client());
        var live = OperationLog.Attach<Sent, Done, string>(sim, (id, obs, inv, end) => $"{id}: {inv.OpId} ended {end is not null}");
        sim.Run();

        Assert.Equal(["1: 1 ended True"], live.Build());
        Assert.Throws<InvalidOperationException>(() => sim.Observations);
    }
}
