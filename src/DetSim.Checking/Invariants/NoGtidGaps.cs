using DetSim.Harness.Checking;
using DetSim.Replication.Gtid;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking.Invariants;

/// <summary>
/// Each live server's gtid_executed holds, per source UUID, one interval without holes. A server
/// assigns GTIDs in order and commits a group in that order; a replica that applies in order (one
/// applier thread, or replica_preserve_commit_order=ON) never commits a later transaction before an
/// earlier one. Only a multi-threaded applier without commit order may leave gaps, and only until
/// it catches up (RM80 replication-options-replica.html, replica_preserve_commit_order; RM80
/// replication-gtids-concepts.html): such a server is judged once it has caught up, and not when its
/// applier stopped on an error. Inconclusive when the run was cut short.
/// </summary>
public sealed class NoGtidGaps : IInvariant
{
    public string Name => "no_gtid_gaps";
    public string Promise => "no server's gtid_executed has a hole where MySQL commits in order";

    public CheckResult Check(RunReport report)
    {
        if (report.CutShort is { } cut) return CheckResult.Inconclusive(Name, cut);
        var violations = new List<Violation>();
        foreach (ServerSnapshot s in report.Servers)
        {
            if (s.GtidExecuted is null) continue;
            ServerDefinition? def = report.Scenario.Servers.FirstOrDefault(d => d.Name == s.Name);
            bool inOrder = def is null || def.Options.ReplicaParallelWorkers <= 1 || def.Options.ReplicaPreserveCommitOrder;
            if (!inOrder && s.Replica is { } st && (st.SqlState == ReplicaThreadState.Error || !st.ApplierIdle)) continue;
            GtidSet set = GtidSet.Parse(s.GtidExecuted);
            foreach (string uuid in set.SourceIds)
            {
                IReadOnlyList<GtidInterval> ivs = set.IntervalsOf(uuid);
                if (ivs.Count <= 1) continue;
                var holes = Enumerable.Range(0, ivs.Count - 1).Select(i => ivs[i].End + 1 == ivs[i + 1].Start - 1 ? $"{ivs[i].End + 1}" : $"{ivs[i].End + 1}-{ivs[i + 1].Start - 1}");
                violations.Add(new Violation(Name, report.Result.EndTime,
                    $"{s.Name} gtid_executed [{s.GtidExecuted}] is missing {uuid}:{string.Join(":", holes)}", [], [s.Name]));
            }
        }
        return CheckResult.Of(Name, violations);
    }
}
