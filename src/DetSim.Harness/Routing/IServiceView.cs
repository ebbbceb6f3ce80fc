namespace DetSim.Harness.Routing;

/// <summary>What a client sees of the service: the route it resolves per request (a proxy or DNS name). It cannot change it.</summary>
public interface IServiceView
{
    ServiceRoute Current { get; }
}
