using DetSim.Harness.Checking;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking.Invariants;

/// <summary>No live replica ends with its receiver or applier stopped on an error (an error state is sticky, so a cut-short run can still show one).</summary>
public sealed class ReplicationRunning : IInvariant
{
    public string Name => "replication_running";
    public string Promise => "no live replica's receiver or applier stopped with an error";

    public CheckResult Check(RunReport report)
    {
        var violations = new List<Violation>();
        foreach (ServerSnapshot s in report.Servers)
        {
            if (!s.Alive || s.Replica is not { } st || st.Healthy) continue;
            string what = st.LastSqlErrno != 0 ? $"applier stopped with error {st.LastSqlErrno}: {st.LastSqlError}" : $"receiver stopped with error {st.LastIoErrno}: {st.LastIoError}";
            violations.Add(new Violation(Name, report.Result.EndTime, $"{s.Name} (replica of {st.SourceHost}): {what}", [], [s.Name, st.SourceHost]));
        }
        return CheckResult.Of(Name, violations, report.CutShort);
    }
}
