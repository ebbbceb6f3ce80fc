using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Core.Network;

/// <summary>
/// Point-to-point links between nodes: latency, loss, duplication, reordering, partitions (one-way
/// or both ways) and slow links. The network only decides when (and whether) a message arrives;
/// the simulation schedules the delivery.
/// </summary>
public sealed class SimNetwork
{
    private readonly IChoiceSource _random;
    private LinkState[] _links = [];
    private int _nodes;

    public SimNetwork(IChoiceSource random, LinkOptions defaults)
    {
        _random = random;
        Defaults = defaults.Validate();
    }

    public LinkOptions Defaults { get; private set; }

    public int NodeCount => _nodes;

    internal void Grow(int nodes)
    {
        var links = new LinkState[nodes * nodes];
        for (int from = 0; from < nodes; from++)
            for (int to = 0; to < nodes; to++)
                links[from * nodes + to] = from < _nodes && to < _nodes ? _links[from * _nodes + to] : new LinkState(Defaults);
        _links = links;
        _nodes = nodes;
    }

    public void SetDefaults(LinkOptions options)
    {
        Defaults = options.Validate();
        foreach (LinkState link in _links) link.Options = Defaults;
    }

    public void Configure(int from, int to, LinkOptions options) => Link(from, to).Options = options.Validate();

    public LinkOptions OptionsOf(int from, int to) => Link(from, to).Options;

    /// <summary>Cuts the link from → to (and to → from unless <paramref name="oneWay"/>).</summary>
    public void Partition(int from, int to, bool oneWay = false)
    {
        Link(from, to).Partitioned = true;
        if (!oneWay) Link(to, from).Partitioned = true;
    }

    /// <summary>Cuts every link between <paramref name="node"/> and the rest.</summary>
    public void Isolate(int node)
    {
        for (int other = 0; other < _nodes; other++)
            if (other != node) Partition(node, other);
    }

    public void Heal(int from, int to)
    {
        Link(from, to).Partitioned = false;
        Link(to, from).Partitioned = false;
    }

    public void HealAll()
    {
        foreach (LinkState link in _links) link.Partitioned = false;
    }

    public bool IsPartitioned(int from, int to) => Link(from, to).Partitioned;

    /// <summary>Makes from → to slower: every latency multiplied by <paramref name="factor"/> plus <paramref name="extra"/>.</summary>
    public void Slow(int from, int to, long factor, Duration extra = default)
    {
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), $"slow factor must be at least 1, got {factor}");
        LinkState link = Link(from, to);
        link.SlowFactor = factor;
        link.SlowExtra = extra;
    }

    public void Unslow(int from, int to) => Slow(from, to, 1);

    /// <summary>
    /// Decides the fate of one message sent now. Returns the number of copies to deliver (0 lost,
    /// 1 normal, 2 duplicated) and their arrival times.
    /// </summary>
    public int Route(int from, int to, SimTime now, out SimTime first, out SimTime second, out DropReason reason)
    {
        LinkState link = Link(from, to);
        first = second = default;
        reason = DropReason.None;
        if (link.Partitioned) { reason = DropReason.Partition; return 0; }
        LinkOptions o = link.Options;
        if (_random.Chance(o.Loss)) { reason = DropReason.Loss; return 0; }
        first = Arrival(link, now);
        if (!_random.Chance(o.Duplicate)) return 1;
        second = Arrival(link, now);
        return 2;
    }

    /// <summary>One latency draw for from → to, slow-link factors applied (a stream segment's trip).</summary>
    public Duration Delay(int from, int to) => Sample(Link(from, to));

    private Duration Sample(LinkState link)
    {
        Duration d = link.Options.Latency.Sample(_random);
        return link.SlowFactor != 1 || link.SlowExtra.Micros != 0 ? d * link.SlowFactor + link.SlowExtra : d;
    }

    private SimTime Arrival(LinkState link, SimTime now)
    {
        SimTime at = now + Sample(link);
        // TCP-like FIFO: arrive strictly after the message sent before on the same link. Strictly,
        // because the scheduler may order events due at the same instant any way it likes.
        if (!link.Options.Reorder && at <= link.LastArrival) at = link.LastArrival + Duration.FromMicros(1);
        link.LastArrival = at;
        return at;
    }

    private LinkState Link(int from, int to)
    {
        if ((uint)from >= (uint)_nodes || (uint)to >= (uint)_nodes)
            throw new ArgumentOutOfRangeException(nameof(to), $"no link {from} -> {to}: the simulation has {_nodes} nodes");
        return _links[from * _nodes + to];
    }

    private sealed class LinkState(LinkOptions options)
    {
        public LinkOptions Options = options;
        public bool Partitioned;
        public long SlowFactor = 1;
        public Duration SlowExtra;
        public SimTime LastArrival;
    }
}

public enum DropReason : byte
{
    None,
    Partition,
    Loss,
    NodeDown,
    Crashed,
}
