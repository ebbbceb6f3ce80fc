using DetSim.Core.Tracing;

namespace DetSim.Core.Faults;

/// <summary>
/// A fault the nemesis injects. Each kind says what it does in <see cref="Describe"/>; the stable
/// text goes into the trace when the fault strikes. Other layers add their own kinds (a failover
/// is a fault-plan step in the replication layer).
/// </summary>
public abstract record Fault : IScheduledAction
{
    /// <summary>Nodes this fault names, checked against the simulation before the run.</summary>
    public abstract IEnumerable<string> Nodes { get; }

    public abstract string Describe();

    protected abstract void Apply(Simulation simulation);

    public void Run(Simulation simulation)
    {
        simulation.Trace.Add(simulation.Now, TraceKind.Fault, -1, -1, 0, Describe());
        Apply(simulation);
    }

    public sealed override string ToString() => Describe();
}
