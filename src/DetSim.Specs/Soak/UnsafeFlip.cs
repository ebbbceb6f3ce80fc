namespace DetSim.Specs.Soak;

/// <summary>
/// One safety setting of MySQL's lossless configuration turned off, with the invariant it lets
/// break (the seed story's claims, found by search instead of by a scripted fault timing).
/// </summary>
public sealed record UnsafeFlip(string Name, string Breaks, string What)
{
    public static IReadOnlyList<UnsafeFlip> All { get; } =
    [
        new("async", "no_lost_acked_write", "no semi-sync: the source acknowledges commits no replica has"),
        new("after_commit", "no_phantom_read", "semi-sync AFTER_COMMIT: other sessions read a commit before a replica has it"),
        new("semisync_timeout", "no_lost_acked_write", "a semi-sync timeout shorter than a slow replica's ACK: the source falls back to async"),
        new("sync_binlog_0", "converged", "sync_binlog=0 with power losses: the source loses binlog it had already shipped"),
        new("file_repositories", "exactly_once_apply", "FILE replication repositories, no relay_log_recovery: a replica crash applies twice"),
        new("no_relay_drain", "no_lost_acked_write", "the failover promotes before the candidate applied its relay log"),
        new("position_repoint", "converged", "replicas follow the new source by their old file/position"),
        new("no_auto_increment_offsets", "converged", "two writable sources without auto_increment offsets"),
        new("statement_format", "converged", "binlog_format=STATEMENT with non-deterministic statements"),
        new("no_log_replica_updates", "converged", "a chain whose middle server does not log what it applies"),
        new("no_commit_order", "commit_order_reads", "a multi-threaded applier without replica_preserve_commit_order"),
    ];

    public static UnsafeFlip? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    public static string Names => string.Join(", ", All.Select(f => f.Name));
}
