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
        private readonly List<(Observation Obs, TInvoked Op)> _invoked = new();
        private readonly List<(Observation Obs, TCompleted Op)?> _ends = new();
        private readonly Dictionary<(int Node, long OpId), int> _open = new();

        public void Add(Observation o)
        {
            switch (o.Value)
            {
                case TInvoked inv:
                    _open[(o.Node, inv.OpId)] = _invoked.Count;
                    _invoked.Add((o, inv));
                    _ends.Add(null);
                    break;
                case TCompleted done when _open.Remove((o.Node, done.OpId), out int index):
                    _ends[index] = (o, done);
                    break;
            }
        }

        public IReadOnlyList<TOp> Build<TOp>(Func<long, Observation, TInvoked, (Observation Obs, TCompleted Op)?, TOp> make)
        {
            var ops = new List<TOp>(_invoked.Count);
            for (int i = 0; i < _invoked.Count; i++) ops.Add(make(i + 1, _invoked[i].Obs, _invoked[i].Op, _ends[i]));
            return ops;
        }
    }
}
