using DetSim.Harness.Checking;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Engine;

namespace DetSim.Checking.Invariants;

/// <summary>
/// Each source transaction is applied once on each replica, counted from what each server's applier
/// did (<see cref="ServerSnapshot.Applied"/>, observed across crashes): a transaction committed twice,
/// or executed again after it had committed (the re-execution MySQL then stops with 1062 or 1032,
/// RM80 replication-solutions-unexpected-replica-halt.html), is applied more than once. A 1032 or
/// 1062 by itself is no evidence: a local write on the replica causes the same errors. A commit
/// is durable only with innodb_flush_log_at_trx_commit=1; otherwise a crash may undo it and applying
/// it again is right, so a re-application there is inconclusive.
/// </summary>
public sealed class ExactlyOnceApply : IInvariant
{
    public string Name => "exactly_once_apply";
    public string Promise => "every replica applies each source transaction exactly once";

    public CheckResult Check(RunReport report)
    {
        var violations = new List<Violation>();
        string? undecided = null;
        foreach (ServerSnapshot s in report.Servers)
        {
            var twice = s.Applied.Where(a => a.Value > 1).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} committed {a.Value} times")
                .Concat(s.ExecutedAfterCommit.Where(t => s.Applied.GetValueOrDefault(t) <= 1).Select(t => $"{t} executed again after it committed"))
                .ToList();
            if (twice.Count == 0) continue;
            bool durable = report.Scenario.Servers.FirstOrDefault(d => d.Name == s.Name)?.Options.InnodbFlushLogAtTrxCommit is null or FlushLogAtTrxCommit.EachCommit;
            if (!durable)
            {
                undecided ??= $"{s.Name} applied {twice[0]}, but with innodb_flush_log_at_trx_commit != 1 a crash may have undone the first commit";
                continue;
            }
            string error = s.Replica is { LastSqlErrno: not 0 } st ? $"; its applier stopped with error {st.LastSqlErrno}: {st.LastSqlError}" : "";
            violations.Add(new Violation(Name, report.Result.EndTime,
                $"{s.Name} applied {twice.Count} transaction(s) more than once: {string.Join("; ", twice.Take(5))}{(twice.Count > 5 ? "; ..." : "")}{error}",
                [], s.Replica is { } r ? [s.Name, r.SourceHost] : [s.Name]));
        }
        return CheckResult.Of(Name, violations, undecided);
    }
}
