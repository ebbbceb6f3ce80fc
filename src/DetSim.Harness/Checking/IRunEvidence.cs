using DetSim.Harness.History;

namespace DetSim.Harness.Checking;

/// <summary>What every model's run offers a database-neutral checker: the client history and whether the run settled.</summary>
public interface IRunEvidence
{
    /// <summary>Why the run's final state is not the settled one (null when it is).</summary>
    string? CutShort { get; }

    /// <summary>Every client request from invocation to its end, in invocation order.</summary>
    IReadOnlyList<HistoryOperation> Operations { get; }
}
