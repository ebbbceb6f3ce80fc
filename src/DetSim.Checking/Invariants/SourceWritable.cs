using DetSim.Harness.Checking;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking.Invariants;

/// <summary>
/// After a settled run the server the service directory names as the source is up, replicates
/// from no one and has read_only=OFF, so the clients sent there can write (a read_only source
/// refuses every write with error 1290, ER_OPTION_PREVENTS_STATEMENT; RM80
/// server-system-variables.html#sysvar_read_only). It catches a failover that promotes a server
/// but leaves it read-only or still a replica. Decided from the servers' own state; inconclusive
/// when the run was cut short or the final source is down.
/// </summary>
public sealed class SourceWritable : IInvariant
{
    public string Name => "source_writable";
    public string Promise => "the final source is up, replicates from no one and is writable";

    public CheckResult Check(RunReport report)
    {
        ServerSnapshot? source = FinalState.Source(report, out string? undecided);
        if (source is null) return CheckResult.Inconclusive(Name, undecided!);
        var violations = new List<Violation>();
        if (source.ReadOnly)
            violations.Add(new Violation(Name, report.Result.EndTime, $"the final source {source.Name} has read_only=ON: every client write fails with error 1290", [], [source.Name]));
        if (source.ConfiguredSource is { } upstream)
            violations.Add(new Violation(Name, report.Result.EndTime, $"the final source {source.Name} still replicates from {upstream}", [], [source.Name, upstream]));
        return CheckResult.Of(Name, violations);
    }
}
