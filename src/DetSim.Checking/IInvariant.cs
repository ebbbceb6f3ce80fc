using DetSim.Replication.Scenarios;

namespace DetSim.Checking;

/// <summary>
/// A property every run must have, decided from the client history and the servers' state alone,
/// never from what the tool under test (the failover tool, the clients) says about itself.
/// <see cref="Check"/> is linear in the history's length.
/// </summary>
public interface IInvariant
{
    /// <summary>The spec name: no_lost_acked_write, converged, ...</summary>
    string Name { get; }

    /// <summary>One line: what it promises.</summary>
    string Promise { get; }

    /// <summary>Held, violated (with the violations) or inconclusive (with the reason).</summary>
    CheckResult Check(RunReport report);
}
