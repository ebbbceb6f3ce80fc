using DetSim.Replication.Failover;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking.Invariants;

/// <summary>
/// A promoted server has no errant GTIDs, and every replica re-pointed to it can follow it
/// (no 1236 on auto-positioning: MYSQL-FACTS §5.3–5.4). A refused promotion keeps the promise.
/// </summary>
public sealed class GtidSafePromotion : IInvariant
{
    public string Name => "gtid_safe_promotion";
    public string Promise => "no server is promoted with errant GTIDs and every re-pointed replica can follow the new source";

    public IReadOnlyList<Violation> Check(RunReport report)
    {
        var violations = new List<Violation>();
        foreach (FailoverRecord f in report.Failovers)
        {
            if (f.Refused is not null || f.NewSource is null) continue;
            if (f.ErrantGtids.Length > 0)
                violations.Add(new Violation(Name, f.At, $"{f.NewSource} was promoted with errant GTIDs {f.ErrantGtids}: the other servers never had them", [], [f.NewSource, f.OldSource]));
            foreach (string r in f.Repointed)
            {
                ServerSnapshot? s = report.Server(r);
                if (s?.Replica is { Healthy: false } st && st.SourceHost == f.NewSource)
                    violations.Add(new Violation(Name, f.At, $"{r} cannot follow the new source {f.NewSource}: error {st.LastIoErrno}{st.LastSqlErrno}: {(st.LastIoErrno != 0 ? st.LastIoError : st.LastSqlError)}", [], [r, f.NewSource]));
            }
        }
        return violations;
    }
}
