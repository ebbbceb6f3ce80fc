using DetSim.Core.Settings;
using DetSim.Core.Time;
using DetSim.Replication.Scenarios;

namespace DetSim.Replication.Settings;

/// <summary>The failover tool's settings (<c>failover:</c>), declared once after orchestrator's; <see cref="FailoverOptions"/> takes its defaults from here.</summary>
public static class FailoverSettings
{
    private const string Orchestrator = "orchestrator docs/configuration-recovery.md";

    public static readonly Setting<Duration?> DetectAfter = Declare.OptionalDuration("detect_after", "automatic failover once the source is down this long");

    /// <summary>most_advanced, first_replica or a server name; the mapper reads the name.</summary>
    public static readonly Setting<string> Promote = Declare.String("promote", "most_advanced", "most_advanced | first_replica | least_lag | a server name");

    /// <summary>The rule a <see cref="Promote"/> value names: most_advanced, first_replica, least_lag, or else a server name.</summary>
    public static PromotionRule RuleOf(string promote) => promote switch
    {
        "most_advanced" => PromotionRule.MostAdvanced,
        "first_replica" => PromotionRule.FirstReplica,
        "least_lag" => PromotionRule.LeastLag,
        _ => PromotionRule.Named,
    };

    public static readonly Setting<RepointMethod> Repoint = Declare.Choice("repoint", RepointMethod.Gtid, "how the other replicas follow the new source",
        ("gtid", RepointMethod.Gtid), ("position", RepointMethod.Position));

    public static readonly Setting<ErrantGtidPolicy> ErrantGtids = Declare.Choice("errant_gtids", ErrantGtidPolicy.Refuse, "what to do when the candidate has errant GTIDs",
        ("refuse", ErrantGtidPolicy.Refuse), ("report", ErrantGtidPolicy.Report), ("ignore", ErrantGtidPolicy.Ignore)) with { Citation = Orchestrator };

    public static readonly Setting<bool> RedirectClients = Declare.Bool("redirect_clients", true, "clients follow the new source");

    public static readonly Setting<RelayLogWait> WaitForRelayLog = Declare.Choice("wait_for_relay_log", RelayLogWait.Applied,
        "before promoting, wait until the candidate has applied every transaction it received (applied: orchestrator DelayMasterPromotionIfSQLThreadNotUpToDate) or not at all (none)",
        ("applied", RelayLogWait.Applied), ("none", RelayLogWait.None)) with { Citation = Orchestrator };

    public static readonly Setting<Duration> RelayLogTimeout = Declare.Duration("relay_log_timeout", Duration.FromSeconds(30),
        "how long to wait for the candidate's relay log; the wait ends as soon as it has applied all it received");

    public static readonly Setting<RelayLogTimeoutAction> OnRelayLogTimeout = Declare.Choice("on_relay_log_timeout", RelayLogTimeoutAction.Promote,
        "when the wait times out: promote anyway (the unapplied transactions are lost, noted in the trace and the failover record) or refuse (orchestrator FailMasterPromotionIfSQLThreadNotUpToDate)",
        ("promote", RelayLogTimeoutAction.Promote), ("refuse", RelayLogTimeoutAction.Refuse)) with { Citation = Orchestrator };

    public static IReadOnlyList<Setting> Spec { get; } = [DetectAfter, Promote, Repoint, ErrantGtids, RedirectClients, WaitForRelayLog, RelayLogTimeout, OnRelayLogTimeout];
}
