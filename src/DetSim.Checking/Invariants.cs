using DetSim.Checking.Invariants;

namespace DetSim.Checking;

/// <summary>The invariants by their spec names.</summary>
public static class InvariantCatalog
{
    public static IInvariant NoLostAckedWrite { get; } = new NoLostAckedWrite();
    public static IInvariant NoPhantomRead { get; } = new NoPhantomRead();
    public static IInvariant Converged { get; } = new Converged();
    public static IInvariant ReplicationRunning { get; } = new ReplicationRunning();
    public static IInvariant ExactlyOnceApply { get; } = new ExactlyOnceApply();
    public static IInvariant GtidSafePromotion { get; } = new GtidSafePromotion();
    public static IInvariant CommitOrderReads { get; } = new CommitOrderReads();
    public static IInvariant ReadYourWrites { get; } = new ReadYourWrites();
    public static IInvariant NoSplitBrain { get; } = new NoSplitBrain();
    public static IInvariant NoGtidGaps { get; } = new NoGtidGaps();
    public static IInvariant SourceWritable { get; } = new SourceWritable();
    public static IInvariant Availability(double threshold = 0.99) => new Availability(threshold);

    public static IReadOnlyList<string> Names { get; } =
        ["availability", "no_lost_acked_write", "no_phantom_read", "converged", "gtid_safe_promotion", "exactly_once_apply", "commit_order_reads", "replication_running", "read_your_writes", "no_split_brain", "no_gtid_gaps", "source_writable"];

    public static IInvariant? ByName(string name) => name switch
    {
        "availability" => Availability(),
        "no_lost_acked_write" => NoLostAckedWrite,
        "no_phantom_read" => NoPhantomRead,
        "converged" => Converged,
        "gtid_safe_promotion" => GtidSafePromotion,
        "exactly_once_apply" => ExactlyOnceApply,
        "commit_order_reads" => CommitOrderReads,
        "replication_running" => ReplicationRunning,
        "read_your_writes" => ReadYourWrites,
        "no_split_brain" => NoSplitBrain,
        "no_gtid_gaps" => NoGtidGaps,
        "source_writable" => SourceWritable,
        _ => null,
    };
}
