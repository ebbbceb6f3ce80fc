using DetSim.Core.Time;

namespace DetSim.Replication.Failover;

/// <summary>What a failover did (or why it refused), for the report and the checkers.</summary>
public sealed record FailoverRecord(SimTime At, string OldSource, string? NewSource, IReadOnlyList<string> Repointed, string ErrantGtids, string? Refused, string Method)
{
    public override string ToString() =>
        Refused is not null
            ? $"failover at {At}: refused to promote ({Refused})"
            : $"failover at {At}: {OldSource} -> {NewSource} ({Method}); re-pointed {string.Join(", ", Repointed)}" + (ErrantGtids.Length > 0 ? $"; errant GTIDs {ErrantGtids}" : "");
}
