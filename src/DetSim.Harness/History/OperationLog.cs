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
        // Sized from the observation count once: growing these tuple-keyed tables was a tenth of a
        // bug-hunt seed's allocation (docs/benchmarks.md).
        int capacity = sim.Observations.Count / 2 + 1;
        var invoked = new List<(int Node, Observation Obs, TInvoked Op)>(capacity);
        var completed = new Dictionary<(int, long), (Observation Obs, TCompleted Op)>(capacity);
        foreach (Observation o in sim.Observations)
        {
            switch (o.Value)
            {
                case TInvoked inv: invoked.Add((o.Node, o, inv)); break;
                case TCompleted done: completed[(o.Node, done.OpId)] = (o, done); break;
            }
        }
        var ops = new List<TOp>(invoked.Count);
        long id = 0;
        foreach ((int node, Observation obs, TInvoked inv) in invoked)
        {
            (Observation, TCompleted)? end = completed.TryGetValue((node, inv.OpId), out var c) ? c : null;
            ops.Add(make(++id, obs, inv, end));
        }
        return ops;
    }
}
