using DetSim.Core.Disk;
using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using DetSim.Core.Tracing;

namespace DetSim.Core;

/// <summary>
/// One deterministic run: nodes, their clocks and disks, the network, the scheduler and the trace.
/// Everything happens on the calling thread; the same options and the same calls give the same
/// trace hash in any process.
/// </summary>
public sealed class Simulation : IEventDispatcher
{
    private readonly List<NodeSlot> _nodes = new();
    private readonly Dictionary<string, int> _byName = new(StringComparer.Ordinal);
    private readonly Collections.SegmentedList<Observation> _observations = new();
    private List<Action<Observation>>? _observers;
    private readonly Dictionary<Type, object> _services = new();
    private readonly IChoiceSource _root;
    private readonly IChoiceSource _diskRandom;
    private bool _started;
    private string? _stopReason;
    private long _messageIds;

    public Simulation(SimulationOptions options)
    {
        Options = options;
        _root = options.Choices ?? new SimRandom(options.Seed);
        Scheduler = new Scheduler(_root.Fork("scheduler"), options.TieBreak);
        Network = new SimNetwork(_root.Fork("network"), options.Network);
        _diskRandom = _root.Fork("disk");
        Connections = new ConnectionTable(this, options.Tcp);
        Trace = new Trace(options.CaptureTrace, NameOf, options.KeepStepHashes);
    }

    public SimulationOptions Options { get; }
    public ulong Seed => Options.Seed;
    public Scheduler Scheduler { get; }
    public SimNetwork Network { get; }
    public Trace Trace { get; }
    internal ConnectionTable Connections { get; }

    /// <summary>Connections not yet closed at both ends.</summary>
    public int OpenConnections => Connections.OpenCount;
    public SimTime Now => Scheduler.Now;
    public IReadOnlyList<Observation> Observations => Options.KeepObservations ? _observations
        : throw new InvalidOperationException("this run keeps no observations (SimulationOptions.KeepObservations is off): take them with OnObserved");
    public int NodeCount => _nodes.Count;

    /// <summary>Registers a harness object that scheduled actions can find (the cluster a failover fault acts on).</summary>
    public void SetService<T>(T service) where T : class => _services[typeof(T)] = service;

    /// <summary>The registered <typeparamref name="T"/>, or null when none is (asked once a run: no exception for an answer that is often no).</summary>
    public T? FindService<T>() where T : class => _services.TryGetValue(typeof(T), out object? s) ? (T)s : null;

    public T GetService<T>() where T : class =>
        _services.TryGetValue(typeof(T), out object? s) ? (T)s : throw new InvalidOperationException($"no {typeof(T).Name} registered with the simulation");

    /// <summary>An independent random stream for a harness component (a workload, a nemesis).</summary>
    public IChoiceSource Stream(string name) => _root.Fork(name);

    public int AddNode(string name, Func<INode> factory, NodeClock? clock = null)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a node needs a name", nameof(name));
        if (_byName.ContainsKey(name)) throw new ArgumentException($"node '{name}' is already defined", nameof(name));
        if (_started) throw new InvalidOperationException("nodes are added before the run starts");
        int index = _nodes.Count;
        _nodes.Add(new NodeSlot(index, name, factory, clock ?? new NodeClock(), _root.Fork("node/" + name)));
        _byName.Add(name, index);
        Network.Grow(_nodes.Count);
        return index;
    }

    public int IndexOf(string name) => _byName.TryGetValue(name, out int i) ? i : -1;

    /// <summary>Index of <paramref name="name"/>, or an error listing the nodes there are.</summary>
    public int Require(string name) =>
        _byName.TryGetValue(name, out int i)
            ? i
            : throw new ArgumentException($"unknown node '{name}'; nodes are: {string.Join(", ", _nodes.Select(n => n.Name))}");

    public string NameOf(int node) => (uint)node < (uint)_nodes.Count ? _nodes[node].Name : $"#{node}";

    public NodeStatus StatusOf(int node) => Slot(node).Status;
    public NodeClock ClockOf(int node) => Slot(node).Clock;
    public SimDisk DiskOf(int node) => Slot(node).Disk;
    public INode? InstanceOf(int node) => Slot(node).Instance;
    public int CrashesOf(int node) => Slot(node).Crashes;

    /// <summary>Runs <paramref name="action"/> at simulated time <paramref name="at"/>.</summary>
    public void Schedule(SimTime at, IScheduledAction action) => Scheduler.Schedule(SimEvent.Action(at, 0, action));

    public void Schedule(SimTime at, string description, Action<Simulation> action) =>
        Schedule(at, new DelegateAction(description, action));

    /// <summary>Ends the run after the current event (an invariant fired, a test saw enough).</summary>
    public void Stop(string reason) => _stopReason ??= reason;

    public void Note(int node, string text) => Trace.Add(Now, TraceKind.Note, node, -1, 0, text);

    public RunResult Run(RunLimits? limits = null)
    {
        limits = (limits ?? RunLimits.Default).Validate();
        if (!_started) Boot();
        RunOutcome outcome = _stopReason is null ? Scheduler.Run(this, limits) : RunOutcome.Stopped;
        Trace.Add(Now, TraceKind.End, -1, -1, (long)outcome, outcome.ToString().ToLowerInvariant());
        return new RunResult(Seed, outcome, Scheduler.Steps, Now, Trace.CurrentHash(), _stopReason);
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    /// <summary>Kills the node: memory, timers and messages in flight to it are lost; the disk keeps what was synced.</summary>
    public void Crash(int node, CrashMode? mode = null)
    {
        NodeSlot slot = Slot(node);
        if (slot.Status == NodeStatus.Down) return;
        slot.Status = NodeStatus.Down;
        slot.Instance = null;
        slot.Context = null;
        slot.Epoch++;
        slot.Crashes++;
        slot.Parked.Clear();
        CrashMode m = mode ?? Options.CrashMode;
        slot.LastCrashMode = m;
        slot.Disk.Crash(m, _diskRandom);
        Connections.OnCrash(slot, slot.Epoch - 1, m);
        Trace.Add(Now, TraceKind.Crash, node, -1, slot.Epoch, m switch { CrashMode.TornWrite => "torn-write", CrashMode.ProcessCrash => "process", _ => "power-loss" });
    }

    /// <summary>Boots a crashed node: a fresh instance recovers from its disk.</summary>
    public void Restart(int node)
    {
        NodeSlot slot = Slot(node);
        if (slot.Status != NodeStatus.Down) return;
        Trace.Add(Now, TraceKind.Restart, node, -1, slot.Epoch);
        StartInstance(slot);
    }

    /// <summary>Freezes the node (a long GC or VM pause): nothing it receives runs until it resumes.</summary>
    public void Pause(int node)
    {
        NodeSlot slot = Slot(node);
        if (slot.Status != NodeStatus.Up) return;
        slot.Status = NodeStatus.Paused;
        Trace.Add(Now, TraceKind.Pause, node, -1, 0);
    }

    public void Resume(int node)
    {
        NodeSlot slot = Slot(node);
        if (slot.Status != NodeStatus.Paused) return;
        slot.Status = NodeStatus.Up;
        Trace.Add(Now, TraceKind.Resume, node, -1, slot.Parked.Count);
        // Everything that arrived during the pause runs now, in the order it arrived: one
        // microsecond apart, so the scheduler's tie-breaking cannot reorder a TCP stream.
        long i = 0;
        foreach (SimEvent parked in slot.Parked)
        {
            SimEvent ev = parked;
            ev.Time = Now + Duration.FromMicros(i++);
            Scheduler.Schedule(ev);
        }
        slot.Parked.Clear();
    }

    /// <summary>Sends <paramref name="message"/> over the network as if node <paramref name="from"/> sent it now (a harness-driven client).</summary>
    public void Inject(int from, int to, object message) => SendFrom(Slot(from), to, message);

    // ---- called by node contexts ---------------------------------------------------------------

    internal void SendFrom(NodeSlot from, int to, object message)
    {
        NodeSlot target = Slot(to);
        long id = ++_messageIds;
        int copies = Network.Route(from.Index, to, Now, out SimTime first, out SimTime second, out DropReason reason);
        if (copies == 0)
        {
            Trace.Add(Now, TraceKind.Drop, to, from.Index, id, DropText(reason), message);
            return;
        }
        // The tag carries the message id and the sender's incarnation, so a sender crash can take its unsent bytes with it.
        long tag = (id << 16) | (uint)(from.Epoch & 0xFFFF);
        Scheduler.Schedule(SimEvent.Message(first, from.Index, to, target.Epoch, tag, message));
        if (copies == 2) Scheduler.Schedule(SimEvent.Message(second, from.Index, to, target.Epoch, tag, message));
    }

    internal Connection ConnectFrom(NodeSlot from, int to) => Connections.Connect(from, Slot(to));

    internal NodeSlot SlotOf(int node) => _nodes[node];

    internal void SetTimer(NodeSlot slot, Duration trueDelay, long tag, object? state) =>
        Scheduler.Schedule(SimEvent.Timer(Now + trueDelay, slot.Index, slot.Epoch, tag, state));

    internal void AddObservation(int node, object observation)
    {
        var o = new Observation(Now, node, observation);
        if (Options.KeepObservations) _observations.Add(o);
        if (_observers is { } observers)
            for (int i = 0; i < observers.Count; i++) observers[i](o);
    }

    /// <summary>
    /// Calls <paramref name="handler"/> with every observation as it is made, in order. The harness
    /// builds its history this way while the run goes (the observed object is still in cache), instead
    /// of walking every observation of the run at its end. A handler only reads: it must not act on the run.
    /// </summary>
    public void OnObserved(Action<Observation> handler) => (_observers ??= new()).Add(handler);

    // ---- dispatch ------------------------------------------------------------------------------

    bool IEventDispatcher.Dispatch(in SimEvent ev)
    {
        if (ev.Kind == EventKind.Action)
        {
            ((IScheduledAction)ev.Payload!).Run(this);
            return _stopReason is null;
        }
        if (ev.Kind == EventKind.Stream)
        {
            Connections.Deliver(ev);
            return _stopReason is null;
        }
        NodeSlot slot = _nodes[ev.Target];
        if (ev.Epoch != slot.Epoch || slot.Status == NodeStatus.Down)
        {
            Trace.Add(Now, TraceKind.Drop, ev.Target, ev.From, ev.Tag, ev.Kind == EventKind.Timer ? "timer-of-dead-incarnation" : "target-crashed", ev.Payload);
            return true;
        }
        if (slot.Status == NodeStatus.Paused)
        {
            slot.Parked.Add(ev);
            return true;
        }
        if (ev.Kind == EventKind.Message)
        {
            // A killed process's datagrams had reached its kernel and still go out; a power loss takes them with it.
            NodeSlot sender = _nodes[ev.From];
            if (Options.CrashDropsInFlightFromNode && (ev.Tag & 0xFFFF) != (sender.Epoch & 0xFFFF) && sender.LastCrashMode != CrashMode.ProcessCrash)
            {
                Trace.Add(Now, TraceKind.Drop, ev.Target, ev.From, ev.Tag >> 16, "sender-crashed", ev.Payload);
                return true;
            }
            // A partition that started while the message was in flight loses it too.
            if (Network.IsPartitioned(ev.From, ev.Target))
            {
                Trace.Add(Now, TraceKind.Drop, ev.Target, ev.From, ev.Tag >> 16, "partition", ev.Payload);
                return true;
            }
            Trace.Add(Now, TraceKind.Deliver, ev.Target, ev.From, ev.Tag >> 16, null, ev.Payload, Digest.Of(ev.Payload));
            slot.Instance!.OnMessage(slot.Context!, ev.From, ev.Payload!);
        }
        else
        {
            Trace.Add(Now, TraceKind.Timer, ev.Target, -1, ev.Tag, null, ev.Payload);
            slot.Instance!.OnTimer(slot.Context!, ev.Tag, ev.Payload);
        }
        return _stopReason is null;
    }

    private void Boot()
    {
        _started = true;
        foreach (NodeSlot slot in _nodes)
        {
            Trace.Add(Now, TraceKind.Start, slot.Index, -1, 0);
            StartInstance(slot);
        }
    }

    private void StartInstance(NodeSlot slot)
    {
        slot.Status = NodeStatus.Up;
        slot.Instance = slot.Factory();
        slot.Context = new NodeContext(this, slot);
        slot.Instance.OnStart(slot.Context);
    }

    private NodeSlot Slot(int node)
    {
        if ((uint)node >= (uint)_nodes.Count)
            throw new ArgumentOutOfRangeException(nameof(node), $"no node #{node}: the simulation has {_nodes.Count} nodes");
        return _nodes[node];
    }

    private static string DropText(DropReason reason) => reason switch
    {
        DropReason.Partition => "partition",
        DropReason.Loss => "loss",
        DropReason.NodeDown => "node-down",
        _ => "crashed",
    };

    private sealed class DelegateAction(string description, Action<Simulation> action) : IScheduledAction
    {
        public void Run(Simulation simulation)
        {
            simulation.Note(-1, description);
            action(simulation);
        }

        public override string ToString() => description;
    }
}
