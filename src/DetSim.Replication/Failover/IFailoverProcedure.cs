namespace DetSim.Replication.Failover;

/// <summary>
/// What the harness runs when a failover is called for (the failure detector, or a <c>failover</c>
/// fault). The default, <see cref="OrchestratorFailover"/>, hands the work to the failover tool
/// node, which asks the servers over the network. A procedure passed to
/// <see cref="Scenarios.ScenarioRunner.Run"/> replaces it and runs in-process (tests use one to
/// provoke a model error); the run then has no tool node.
/// </summary>
public interface IFailoverProcedure
{
    void Run(Scenarios.ClusterControl cluster);
}
