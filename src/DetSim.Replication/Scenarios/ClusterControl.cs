using DetSim.Core;
using DetSim.Core.Nodes;
using DetSim.Core.Time;
using DetSim.Harness.Failover;
using DetSim.Replication.Failover;
using DetSim.Replication.Server;

namespace DetSim.Replication.Scenarios;

/// <summary>
/// The harness's hands on a running cluster, for faults and checkers (never for the failover
/// tool, which asks over the network): the servers that are up (a down or paused server cannot be
/// talked to), the service directory clients follow, and the failover procedure.
/// </summary>
public sealed class ClusterControl
{
    private readonly Simulation _sim;
    private readonly Dictionary<string, string> _uuids;
    private readonly List<FailoverRecord> _failovers = new();
    // Sources a failover has been started for: one failover per source failure.
    private readonly SortedSet<string> _failedOver = new(StringComparer.Ordinal);

    public ClusterControl(Simulation sim, IReadOnlyList<ServerDefinition> servers, ServiceDirectory directory, IFailoverProcedure failover)
    {
        _sim = sim;
        ServerNames = servers.Select(s => s.Name).ToArray();
        _uuids = servers.ToDictionary(s => s.Name, UuidOf, StringComparer.Ordinal);
        Directory = directory;
        Failover = failover;
    }

    public IReadOnlyList<string> ServerNames { get; }
    public ServiceDirectory Directory { get; }
    public IFailoverProcedure Failover { get; }
    public IReadOnlyList<FailoverRecord> Failovers => _failovers;
    public SimTime Now => _sim.Now;
    public Simulation Simulation => _sim;

    /// <summary>The running server, or null when it is down or paused.</summary>
    public MySqlServer? Server(string name)
    {
        int i = _sim.IndexOf(name);
        if (i < 0 || _sim.StatusOf(i) != NodeStatus.Up) return null;
        return _sim.InstanceOf(i) as MySqlServer;
    }

    public string UuidOf(string name) => _uuids[name];

    /// <summary>A server's server_uuid as configured (or derived from its name).</summary>
    public static string UuidOf(ServerDefinition server) =>
        string.IsNullOrEmpty(server.Options.ServerUuid) ? MySqlServer.UuidFor(server.Name) : server.Options.ServerUuid;

    /// <summary>The failover tool node, or null when the run has none (or it is down).</summary>
    public FailoverNode? FailoverTool
    {
        get
        {
            int i = _sim.IndexOf(OrchestratorFailover.NodeName);
            return i < 0 || _sim.StatusOf(i) != NodeStatus.Up ? null : _sim.InstanceOf(i) as FailoverNode;
        }
    }

    public void After(Duration delay, string description, Action action) =>
        _sim.Schedule(_sim.Now + delay, description, _ => action());

    /// <summary>The source a failover is running for, until it records its outcome.</summary>
    public string? FailoverInProgress { get; private set; }

    /// <summary>
    /// Whether a failover has already been started (running or finished) for <paramref name="source"/>:
    /// the detector then starts no other, like orchestrator's anti-flapping block
    /// (RecoveryPeriodBlockSeconds, docs/configuration-recovery.md).
    /// </summary>
    public bool FailoverStartedFor(string source) => _failedOver.Contains(source);

    public void RecordFailover(FailoverRecord record)
    {
        _failovers.Add(record);
        if (FailoverInProgress == record.OldSource) FailoverInProgress = null;
        _sim.Note(-1, record.ToString());
    }

    public void Note(string text) => _sim.Note(-1, text);

    public void RunFailover()
    {
        if (Directory.Source is { } source)
        {
            _failedOver.Add(source);
            FailoverInProgress = source;
        }
        Failover.Run(this);
    }
}
