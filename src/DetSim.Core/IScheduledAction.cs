namespace DetSim.Core;

/// <summary>Something the harness does at a planned time: a fault, a heal, a failover, a check.</summary>
public interface IScheduledAction
{
    void Run(Simulation simulation);
}
