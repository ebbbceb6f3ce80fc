using DetSim.Harness.Checking;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking;

/// <summary>
/// A property every MySQL run must have, decided from the client history and the servers' state
/// alone, never from what the tool under test (the failover tool, the clients) says about itself.
/// <see cref="IChecker{TRun}.Check"/> is linear in the history's length.
/// </summary>
public interface IInvariant : IChecker<RunReport>;
