using DetSim.Harness.Failover;
using DetSim.Replication.Scenarios;

namespace DetSim.Replication.Failover;

/// <summary>
/// The default failover procedure: asks the failover tool node (<see cref="NodeName"/>, a
/// <see cref="FailoverNode"/> running <see cref="OrchestratorPolicy"/>) to recover the source the
/// service directory names, as an operator runs <c>orchestrator-client -c recover</c> or as its
/// failure detector does. The tool then works over the network; it records its outcome when done.
/// </summary>
public sealed class OrchestratorFailover(FailoverOptions options) : IFailoverProcedure
{
    /// <summary>The failover tool's node name; no server may have it.</summary>
    public const string NodeName = "orchestrator";

    public FailoverOptions Options => options;

    /// <summary>The tool node for a cluster of <paramref name="servers"/>, recording its outcomes on <paramref name="cluster"/>.</summary>
    public FailoverNode CreateNode(IReadOnlyList<ServerDefinition> servers, Func<ClusterControl> cluster) =>
        new(servers.Select(s => s.Name).ToArray(),
            new OrchestratorPolicy(options, servers.ToDictionary(s => s.Name, s => ClusterControl.UuidOf(s), StringComparer.Ordinal)),
            cluster().Directory,
            record => cluster().RecordFailover((FailoverRecord)record));

    public void Run(ClusterControl cluster)
    {
        string? old = cluster.Directory.Source;
        if (old is null) return;
        if (cluster.FailoverTool is not { } tool)
        {
            cluster.RecordFailover(new FailoverRecord(cluster.Now, old, null, [], "", $"the failover tool ({NodeName}) is not running", options.Repoint.ToString()));
            return;
        }
        // One recovery at a time (orchestrator blocks a second one while a recovery is in progress).
        if (!tool.Recover(old))
            cluster.RecordFailover(new FailoverRecord(cluster.Now, old, null, [], "", "the failover tool is already recovering; it refused a second recovery", options.Repoint.ToString()));
    }
}
