using DetSim.Core.Time;

namespace DetSim.Replication.Scenarios;

public enum PromotionRule : byte
{
    /// <summary>The replica that received the most (GTID set, or relay position without GTIDs).</summary>
    MostAdvanced,
    /// <summary>The first live replica in definition order.</summary>
    FirstReplica,
    /// <summary>The server named in <see cref="FailoverOptions.Candidate"/>.</summary>
    Named,
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

/// <summary>How the failover tool behaves (orchestrator-like).</summary>
public sealed record FailoverOptions
{
    public PromotionRule Promote { get; init; } = PromotionRule.MostAdvanced;
    public string? Candidate { get; init; }
    public RepointMethod Repoint { get; init; } = RepointMethod.Gtid;
    public ErrantGtidPolicy ErrantGtids { get; init; } = ErrantGtidPolicy.Refuse;
    public bool RedirectClients { get; init; } = true;

    /// <summary>Automatic failover: the source unreachable this long triggers it; null = only scripted failovers.</summary>
    public Duration? DetectAfter { get; init; }

    /// <summary>How long to wait for the candidate to apply its relay log before promoting it anyway.</summary>
    public Duration CatchUpTimeout { get; init; } = Duration.FromSeconds(30);
}
