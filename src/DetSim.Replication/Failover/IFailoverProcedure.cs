namespace DetSim.Replication.Failover;

/// <summary>A failover procedure a user can swap in: given the cluster after the source failed, promote and re-wire.</summary>
public interface IFailoverProcedure
{
    void Run(Scenarios.ClusterControl cluster);
}
