namespace DetSim.Core.Scheduling;

/// <summary>Runs one event the scheduler has chosen. Returns false to stop the run.</summary>
public interface IEventDispatcher
{
    bool Dispatch(in SimEvent ev);
}
