using DetSim.Core.Settings;
using DetSim.Core.Time;
using DetSim.Replication.Server;

namespace DetSim.Replication.Settings;

/// <summary>Source-side semi-synchronous replication (the <c>semi_sync:</c> block), declared once; <see cref="SemiSyncOptions"/> takes its defaults from here.</summary>
public static class SemiSyncSettings
{
    private const string Page = "RM80 replication-options-source.html#sysvar_";

    public static readonly Setting<bool> Enabled = Declare.Bool("enabled", false,
        "rpl_semi_sync_source_enabled (writing a semi_sync block turns it on unless it says enabled: false)") with { Citation = Page + "rpl_semi_sync_source_enabled" };

    /// <summary>What a <c>semi_sync:</c> block that does not say <c>enabled</c> means: the block asks for semi-sync.</summary>
    public const bool EnabledWhenBlockGiven = true;

    public static readonly Setting<SemiSyncWaitPoint> WaitPoint = Declare.Choice("wait_point", SemiSyncWaitPoint.AfterSync, "rpl_semi_sync_source_wait_point",
        ("AFTER_SYNC", SemiSyncWaitPoint.AfterSync), ("AFTER_COMMIT", SemiSyncWaitPoint.AfterCommit))
        .WithMariaDb(SemiSyncWaitPoint.AfterCommit) with { Citation = Page + "rpl_semi_sync_source_wait_point; MariaDB: semisynchronous-replication" };

    public static readonly Setting<int> WaitForReplicaCount = Declare.Int("wait_for_replica_count", 1, 1, 65535, "rpl_semi_sync_source_wait_for_replica_count")
        with { Citation = Page + "rpl_semi_sync_source_wait_for_replica_count" };

    public static readonly Setting<Duration> Timeout = Declare.Duration("timeout", Duration.FromMillis(10_000), "rpl_semi_sync_source_timeout")
        with { Citation = Page + "rpl_semi_sync_source_timeout (10000 ms)" };

    public static readonly Setting<bool> WaitNoReplica = Declare.Bool("wait_no_replica", true, "rpl_semi_sync_source_wait_no_replica")
        with { Citation = Page + "rpl_semi_sync_source_wait_no_replica" };

    public static IReadOnlyList<Setting> Spec { get; } = [Enabled, WaitPoint, WaitForReplicaCount, Timeout, WaitNoReplica];
}
