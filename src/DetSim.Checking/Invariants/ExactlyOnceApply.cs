using DetSim.Replication.Scenarios;

namespace DetSim.Checking.Invariants;

/// <summary>
/// Each source transaction is applied once on each replica. A replica that applies one twice
/// stops with 1062 (a duplicate insert) or 1032 (a row to change is gone), or silently doubles an
/// effect, which shows as rows that differ from the source (RM80
/// replication-solutions-unexpected-replica-halt.html).
/// </summary>
public sealed class ExactlyOnceApply : IInvariant
{
    private readonly Converged _converged = new();

    public string Name => "exactly_once_apply";
    public string Promise => "every replica applies each source transaction exactly once";

    public IReadOnlyList<Violation> Check(RunReport report)
    {
        var violations = new List<Violation>();
        foreach (ServerSnapshot s in report.Servers)
        {
            if (!s.Alive || s.Replica is not { } st) continue;
            if (st.LastSqlErrno is 1062 or 1032)
                violations.Add(new Violation(Name, report.Result.EndTime,
                    $"{s.Name} re-applied a transaction it had already applied: error {st.LastSqlErrno}: {st.LastSqlError}", [], [s.Name, st.SourceHost]));
        }
        if (violations.Count == 0)
            foreach (Violation v in _converged.Check(report))
                violations.Add(v with { Invariant = Name, Message = "applied effects differ from the source (double or missing apply): " + v.Message });
        return violations;
    }
}
