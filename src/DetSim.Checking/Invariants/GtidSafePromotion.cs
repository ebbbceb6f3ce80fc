using DetSim.Harness.Checking;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking.Invariants;

/// <summary>
/// A promoted server has no errant GTIDs, computed from the servers' gtid_executed when the
/// failover began (<see cref="Promotions"/>), and every replica re-pointed to it can follow it (no
/// 1236 on auto-positioning: MYSQL-FACTS §5.3–5.4). A failover that promoted no one keeps the
/// promise. The failover tool's own errant-GTID report is never read.
/// </summary>
public sealed class GtidSafePromotion : IInvariant
{
    public string Name => "gtid_safe_promotion";
    public string Promise => "no server is promoted with errant GTIDs and every re-pointed replica can follow the new source";

    public CheckResult Check(RunReport report)
    {
        var violations = new List<Violation>();
        foreach (Promotion p in Promotions.Of(report))
        {
            if (!p.Errant.IsEmpty)
                violations.Add(new Violation(Name, p.At.At, $"{p.NewSource} was promoted holding errant GTIDs {p.Errant}: transactions no source made, which the other servers never had", [], [p.NewSource, p.OldSource]));
            foreach (ServerAtFailover before in p.At.Servers)
            {
                if (before.ConfiguredSource != p.OldSource || before.Name == p.NewSource) continue;
                ServerSnapshot? s = report.Server(before.Name);
                if (s?.Replica is { Healthy: false } st && st.SourceHost == p.NewSource)
                    violations.Add(new Violation(Name, p.At.At, $"{s.Name} cannot follow the new source {p.NewSource}: error {(st.LastIoErrno != 0 ? st.LastIoErrno : st.LastSqlErrno)}: {(st.LastIoErrno != 0 ? st.LastIoError : st.LastSqlError)}", [], [s.Name, p.NewSource]));
            }
        }
        return CheckResult.Of(Name, violations);
    }
}
