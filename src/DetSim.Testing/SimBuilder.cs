using DetSim.Core;
using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Testing;

/// <summary>
/// The fluent way to simulate your own sans-IO nodes: name them, describe the network and the
/// faults, run, then look at what happened.
/// <code>
/// var run = Sim.Create(seed)
///     .Node("primary", () => new Primary())
///     .Nodes(2, i => $"backup{i}", () => new Backup())
///     .Network(LinkOptions.Default with { Loss = Ratio.Percent(1) })
///     .Faults(plan => plan.At(SimTime.FromMillis(500), new CrashFault("primary")))
///     .Run(SimTime.FromSeconds(5));
/// </code>
/// </summary>
public sealed class Sim
{
    private readonly ulong _seed;
    private readonly List<(string Name, Func<INode> Factory, NodeClock? Clock)> _nodes = new();
    private LinkOptions _network = LinkOptions.Default;
    private readonly List<Action<FaultPlan>> _faults = new();
    private NemesisOptions? _nemesis;
    private readonly List<(SimTime At, string What, Action<Simulation> Action)> _actions = new();
    private bool _capture;
    private DetSim.Core.Disk.CrashMode _crashMode = DetSim.Core.Disk.CrashMode.DropUnsynced;

    private Sim(ulong seed) => _seed = seed;

    public static Sim Create(ulong seed) => new(seed);

    public Sim Node(string name, Func<INode> factory, NodeClock? clock = null)
    {
        _nodes.Add((name, factory, clock));
        return this;
    }

    public Sim Nodes(int count, Func<int, string> name, Func<INode> factory)
    {
        for (int i = 1; i <= count; i++) Node(name(i), factory);
        return this;
    }

    public Sim Network(LinkOptions options)
    {
        _network = options;
        return this;
    }

    /// <summary>Scripted faults.</summary>
    public Sim Faults(Action<FaultPlan> plan)
    {
        _faults.Add(plan);
        return this;
    }

    /// <summary>Faults drawn from the seed.</summary>
    public Sim Nemesis(NemesisOptions options)
    {
        _nemesis = options;
        return this;
    }

    /// <summary>A harness step at a given time (a client request, a failover, a check).</summary>
    public Sim At(SimTime at, string what, Action<Simulation> action)
    {
        _actions.Add((at, what, action));
        return this;
    }

    public Sim CrashMode(DetSim.Core.Disk.CrashMode mode)
    {
        _crashMode = mode;
        return this;
    }

    public Sim CaptureTrace(bool capture = true)
    {
        _capture = capture;
        return this;
    }

    public SimRun Run(SimTime until, long stepBudget = 10_000_000)
    {
        var sim = new Simulation(new SimulationOptions { Seed = _seed, Network = _network, CaptureTrace = _capture, CrashMode = _crashMode });
        foreach ((string name, Func<INode> factory, NodeClock? clock) in _nodes) sim.AddNode(name, factory, clock);
        var plan = new FaultPlan();
        foreach (Action<FaultPlan> f in _faults) f(plan);
        plan.ApplyTo(sim);
        if (_nemesis is not null) DetSim.Core.Faults.Nemesis.Draw(sim.Stream("nemesis"), _nemesis).ApplyTo(sim);
        foreach ((SimTime at, string what, Action<Simulation> action) in _actions) sim.Schedule(at, what, action);
        RunResult result = sim.Run(new RunLimits { TimeLimit = until, StepBudget = stepBudget });
        return new SimRun(_seed, result, sim);
    }
}

/// <summary>A finished run: its result (outcome, trace hash) and the simulation to inspect (nodes, observations, trace).</summary>
public sealed record SimRun(ulong Seed, RunResult Result, Simulation Simulation)
{
    /// <summary>The running instance of <paramref name="name"/>, or null when it is down.</summary>
    public T? Node<T>(string name) where T : class, INode => Simulation.InstanceOf(Simulation.Require(name)) as T;

    public IEnumerable<T> Observed<T>() => Simulation.Observations.Select(o => o.Value).OfType<T>();
}
