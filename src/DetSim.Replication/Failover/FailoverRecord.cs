using DetSim.Core.Time;

namespace DetSim.Replication.Failover;

/// <summary>
/// What a failover did (or why it refused), for the report and the checkers. <see cref="RelayWait"/>
/// is how long it waited for the candidate to apply the <see cref="WaitedFor"/> received
/// transactions it had not applied yet when the wait began; <see cref="Unapplied"/> counts the received
/// transactions the candidate had not applied when it was promoted (discarded by RESET REPLICA ALL)
/// or when the failover gave up.
/// </summary>
public sealed record FailoverRecord(SimTime At, string OldSource, string? NewSource, IReadOnlyList<string> Repointed, string ErrantGtids, string? Refused, string Method,
    Duration RelayWait = default, int WaitedFor = 0, int Unapplied = 0, bool TimedOut = false)
{
    public override string ToString() =>
        (Refused is not null
            ? $"failover at {At}: refused to promote ({Refused})"
            : $"failover at {At}: {OldSource} -> {NewSource} ({Method}); re-pointed {string.Join(", ", Repointed)}" + (ErrantGtids.Length > 0 ? $"; errant GTIDs {ErrantGtids}" : ""))
        + (RelayWait > Duration.Zero ? $"; waited {RelayWait} for {WaitedFor} relay-log transaction(s)" : "")
        + (TimedOut ? $"; gave up waiting with {Unapplied} received transaction(s) unapplied" : Unapplied > 0 ? $"; {Unapplied} received transaction(s) unapplied" : "");
}
