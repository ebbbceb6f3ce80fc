namespace DetSim.Replication.Clients;

/// <summary>
/// Where clients find servers (a proxy or DNS name in real deployments): the current writable
/// source and the replicas. The failover procedure updates it; clients read it per request.
/// </summary>
public sealed class ServiceDirectory
{
    private readonly List<string> _replicas = new();

    public ServiceDirectory(string? source, IEnumerable<string> replicas)
    {
        Source = source;
        _replicas.AddRange(replicas);
    }

    public string? Source { get; private set; }

    public IReadOnlyList<string> Replicas => _replicas;

    public void Promote(string newSource, IEnumerable<string> replicas)
    {
        Source = newSource;
        _replicas.Clear();
        _replicas.AddRange(replicas);
    }
}
