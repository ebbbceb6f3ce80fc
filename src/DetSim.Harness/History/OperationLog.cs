using DetSim.Core;

namespace DetSim.Harness.History;

/// <summary>
/// Pairs what clients handed to the harness (<see cref="Core.Nodes.INodeContext.Observe"/>) into
/// operations: each invocation with the first end observed after it on its node, in invocation
/// order, numbered from 1. An invocation with no end (the run stopped first) is still listed, with a
/// null end.
/// </summary>
public static class OperationLog
{
    /// <summary>An invocation observed on a node, its id unique on that node.</summary>
    public interface IInvocation
    {
        long OpId { get; }
    }

    /// <summary>An end observed on a node, naming the invocation it ends.</summary>
    public interface ICompletion
    {
        long OpId { get; }
    }

    /// <summary>Builds the history; <paramref name="make"/> turns a pair (and the history id) into the model's operation.</summary>
    public static IReadOnlyList<TOp> Pair<TInvoked, TCompleted, TOp>(Simulation sim, Func<long, Observation, TInvoked, (Observation Obs, TCompleted Op)?, TOp> make)
        where TInvoked : IInvocation
        where TCompleted : ICompletion
    {
        // One pass in observation order; only invocations still open are hashed (a handful, one per
        // session), not every completion of the run: the big tuple-keyed table was a tenth of a
        // bug-hunt seed's allocation.
        var invoked = new List<(Observation Obs, TInvoked Op)>();
        var ends = new List<(Observation Obs, TCompleted Op)?>();
        var open = new Dictionary<(int Node, long OpId), int>();
        foreach (Observation o in sim.Observations)
        {
            switch (o.Value)
            {
                case TInvoked inv:
                    open[(o.Node, inv.OpId)] = invoked.Count;
                    invoked.Add((o, inv));
                    ends.Add(null);
                    break;
                case TCompleted done when open.Remove((o.Node, done.OpId), out int index):
                    ends[index] = (o, done);
                    break;
            }
        }
        var ops = new List<TOp>(invoked.Count);
        for (int i = 0; i < invoked.Count; i++) ops.Add(make(i + 1, invoked[i].Obs, invoked[i].Op, ends[i]));
        return ops;
    }
}
