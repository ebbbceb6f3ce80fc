using DetSim.Core.Time;
using DetSim.Replication.Settings;

namespace DetSim.Replication.Scenarios;

public enum PromotionRule : byte
{
    /// <summary>The replica that received the most (GTID set, or relay position without GTIDs).</summary>
    MostAdvanced,
    /// <summary>The first live replica in definition order.</summary>
    FirstReplica,
    /// <summary>The server named in <see cref="FailoverOptions.Candidate"/>.</summary>
    Named,
    /// <summary>The smallest Seconds_Behind_Source (what MHA-style scripts read); NULL counts as unknown, after every number.</summary>
    LeastLag,
}

public enum RepointMethod : byte
{
    /// <summary>CHANGE REPLICATION SOURCE TO ... SOURCE_AUTO_POSITION=1.</summary>
    Gtid,
    /// <summary>CHANGE REPLICATION SOURCE TO ... SOURCE_LOG_FILE/POS = the replica's own old coordinates (which belong to the dead source's binlog).</summary>
    Position,
}

public enum ErrantGtidPolicy : byte
{
    /// <summary>Do not promote a candidate with errant GTIDs (orchestrator, MySQL Shell).</summary>
    Refuse,
    /// <summary>Promote anyway and report them.</summary>
    Report,
    Ignore,
}

/// <summary>What the failover waits for on the candidate before promoting it.</summary>
public enum RelayLogWait : byte
{
    /// <summary>
    /// Its SQL thread has applied every whole transaction its IO thread received (orchestrator
    /// DelayMasterPromotionIfSQLThreadNotUpToDate; MySQL's SOURCE_POS_WAIT to the read position).
    /// </summary>
    Applied,
    /// <summary>Nothing: promote at once (orchestrator's default); RESET REPLICA ALL then discards what was not applied.</summary>
    None,
}

/// <summary>What the failover does when <see cref="FailoverOptions.CatchUpTimeout"/> passes before the candidate caught up.</summary>
public enum RelayLogTimeoutAction : byte
{
    /// <summary>Promote anyway; the unapplied relay log is lost (recorded and noted).</summary>
    Promote,
    /// <summary>Give up the failover (orchestrator FailMasterPromotionIfSQLThreadNotUpToDate).</summary>
    Refuse,
}

/// <summary>How the failover tool behaves (orchestrator-like); defaults declared in <see cref="FailoverSettings"/>.</summary>
public sealed record FailoverOptions
{
    public PromotionRule Promote { get; init; } = FailoverSettings.RuleOf(FailoverSettings.Promote.Default);
    public string? Candidate { get; init; }
    public RepointMethod Repoint { get; init; } = FailoverSettings.Repoint.Default;
    public ErrantGtidPolicy ErrantGtids { get; init; } = FailoverSettings.ErrantGtids.Default;
    public bool RedirectClients { get; init; } = FailoverSettings.RedirectClients.Default;

    /// <summary>Automatic failover: the source unreachable this long triggers it; null = only scripted failovers.</summary>
    public Duration? DetectAfter { get; init; } = FailoverSettings.DetectAfter.Default;

    /// <summary>What to wait for on the candidate before promoting it.</summary>
    public RelayLogWait WaitForRelayLog { get; init; } = FailoverSettings.WaitForRelayLog.Default;

    /// <summary>How long to wait for it; zero = only promote a candidate already caught up. Event-driven: the wait ends when the last received transaction commits.</summary>
    public Duration CatchUpTimeout { get; init; } = FailoverSettings.RelayLogTimeout.Default;

    /// <summary>What to do when the wait times out.</summary>
    public RelayLogTimeoutAction OnCatchUpTimeout { get; init; } = FailoverSettings.OnRelayLogTimeout.Default;
}
