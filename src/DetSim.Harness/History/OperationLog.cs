using DetSim.Core;

namespace DetSim.Harness.History;

/// <summary>
/// Pairs what clients handed to the harness (<see cref="Core.Nodes.INodeContext.Observe"/>) into
/// operations: each invocation with its end, in invocation order, numbered from 1. An invocation
/// with no end (the run stopped first) is still listed, with a null end.
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
        var invoked = new Dictionary<(int, long), (Observation Obs, TInvoked Op)>();
        var order = new List<(int, long)>();
        var completed = new Dictionary<(int, long), (Observation Obs, TCompleted Op)>();
        foreach (Observation o in sim.Observations)
        {
            switch (o.Value)
            {
                case TInvoked inv: invoked[(o.Node, inv.OpId)] = (o, inv); order.Add((o.Node, inv.OpId)); break;
                case TCompleted done: completed[(o.Node, done.OpId)] = (o, done); break;
            }
        }
        var ops = new List<TOp>(order.Count);
        long id = 0;
        foreach ((int, long) key in order)
        {
            (Observation obs, TInvoked inv) = invoked[key];
            (Observation, TCompleted)? end = completed.TryGetValue(key, out var c) ? c : null;
            ops.Add(make(++id, obs, inv, end));
        }
        return ops;
    }
}
