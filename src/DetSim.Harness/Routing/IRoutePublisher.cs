namespace DetSim.Harness.Routing;

/// <summary>What a failover tool may do to the service: publish a new route (orchestrator's post-failover hook updating a proxy or DNS).</summary>
public interface IRoutePublisher
{
    void Publish(ServiceRoute route, string reason);
}
