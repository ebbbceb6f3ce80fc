using DetSim.Replication.Scenarios;

namespace DetSim.Checking;

/// <summary>A property every run must have. <see cref="Check"/> is linear in the history's length.</summary>
public interface IInvariant
{
    /// <summary>The spec name: no_lost_acked_write, converged, ...</summary>
    string Name { get; }

    /// <summary>One line: what it promises.</summary>
    string Promise { get; }

    IReadOnlyList<Violation> Check(RunReport report);
}
