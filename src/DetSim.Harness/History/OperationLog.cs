using DetSim.Core;
using DetSim.Core.Collections;

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

    /// <summary>Builds the history after the run from its observations; <paramref name="make"/> turns a pair (and the history id) into the model's operation.</summary>
    public static IReadOnlyList<TOp> Pair<TInvoked, TCompleted, TOp>(Simulation sim, Func<long, Observation, TInvoked, (Observation Obs, TCompleted Op)?, TOp> make)
        where TInvoked : IInvocation
        where TCompleted : ICompletion
    {
        var pairing = new Pairing<TInvoked, TCompleted, TOp>(make);
        foreach (Observation o in sim.Observations) pairing.Add(o);
        return pairing.Build();
    }

    /// <summary>
    /// The same pairing, made while the run goes (<see cref="Simulation.OnObserved"/>): attach it
    /// before the run, build the history after it. Each operation is made when its end is observed,
    /// so the invocation and end objects need not outlive it.
    /// </summary>
    public static Pairing<TInvoked, TCompleted, TOp> Attach<TInvoked, TCompleted, TOp>(Simulation sim, Func<long, Observation, TInvoked, (Observation Obs, TCompleted Op)?, TOp> make)
        where TInvoked : IInvocation
        where TCompleted : ICompletion
    {
        var pairing = new Pairing<TInvoked, TCompleted, TOp>(make);
        sim.OnObserved(pairing.Add);
        return pairing;
    }

    /// <summary>Operations in invocation order: made when their end arrives, the ones still open when the history is built.</summary>
    public sealed class Pairing<TInvoked, TCompleted, TOp>(Func<long, Observation, TInvoked, (Observation Obs, TCompleted Op)?, TOp> make)
        where TInvoked : IInvocation
        where TCompleted : ICompletion
    {
        // Segmented: a run's tens of thousands of operations grow no ever larger array to copy.
        private readonly SegmentedList<TOp> _ops = new();
        private readonly Dictionary<(int Node, long OpId), (int Index, Observation Obs, TInvoked Op)> _open = new();
        private bool _built;

        public void Add(Observation o)
        {
            Invariant.That(!_built, "an observation after the history was built");
            switch (o.Value)
            {
                case TInvoked inv:
                    _open[(o.Node, inv.OpId)] = (_ops.Count, o, inv);
                    _ops.Add(default!);
                    break;
                case TCompleted done when _open.Remove((o.Node, done.OpId), out var started):
                    _ops.ItemRef(started.Index) = make(started.Index + 1, started.Obs, started.Op, (o, done));
                    break;
            }
        }

        /// <summary>The history: every operation, the open ones with a null end. Call once, after the run.</summary>
        public IReadOnlyList<TOp> Build()
        {
            Invariant.That(!_built, "the history was built twice");
            _built = true;
            foreach (var started in _open.Values) _ops.ItemRef(started.Index) = make(started.Index + 1, started.Obs, started.Op, null);
            _open.Clear();
            return _ops;
        }
    }
}
