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
        var pairing = new Pairing<TInvoked, TCompleted>();
        foreach (Observation o in sim.Observations) pairing.Add(o);
        return pairing.Build(make);
    }

    /// <summary>
    /// The same pairing, made while the run goes (<see cref="Simulation.OnObserved"/>): attach it
    /// before the run, build the history after it.
    /// </summary>
    public static Pairing<TInvoked, TCompleted> Attach<TInvoked, TCompleted>(Simulation sim)
        where TInvoked : IInvocation
        where TCompleted : ICompletion
    {
        var pairing = new Pairing<TInvoked, TCompleted>();
        sim.OnObserved(pairing.Add);
        return pairing;
    }

    /// <summary>Invocations in order with the first end observed after each on its node; only the invocations still open are hashed.</summary>
    public sealed class Pairing<TInvoked, TCompleted>
        where TInvoked : IInvocation
        where TCompleted : ICompletion
    {
        // Segmented: a run's tens of thousands of operations grow no ever larger array to copy.
        private readonly SegmentedList<Entry> _entries = new();
        private readonly Dictionary<(int Node, long OpId), int> _open = new();

        private struct Entry(Observation obs, TInvoked op)
        {
            public readonly Observation Obs = obs;
            public readonly TInvoked Op = op;
            public (Observation Obs, TCompleted Op)? End;
        }

        public void Add(Observation o)
        {
            switch (o.Value)
            {
                case TInvoked inv:
                    _open[(o.Node, inv.OpId)] = _entries.Count;
                    _entries.Add(new Entry(o, inv));
                    break;
                case TCompleted done when _open.Remove((o.Node, done.OpId), out int index):
                    _entries.ItemRef(index).End = (o, done);
                    break;
            }
        }

        public IReadOnlyList<TOp> Build<TOp>(Func<long, Observation, TInvoked, (Observation Obs, TCompleted Op)?, TOp> make)
        {
            var ops = new List<TOp>(_entries.Count);
            for (int i = 0; i < _entries.Count; i++)
            {
                ref Entry e = ref _entries.ItemRef(i);
                ops.Add(make(i + 1, e.Obs, e.Op, e.End));
            }
            return ops;
        }
    }
}
