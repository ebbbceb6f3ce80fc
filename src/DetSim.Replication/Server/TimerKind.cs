namespace DetSim.Replication.Server;

/// <summary>What a server timer is for; packed into the kernel's timer tag with an id.</summary>
internal enum TimerKind : long
{
    FlushDone = 1,
    SyncDone = 2,
    SemiSyncTimeout = 3,
    InnoDbFlush = 4,
    Heartbeat = 5,
    ReceiverTimeout = 6,
    ReceiverRetry = 7,
    ApplierStep = 8,
    WorkerDone = 9,
    LockWaitTimeout = 10,
}

internal static class TimerTag
{
    private const int Shift = 48;

    public static long Of(TimerKind kind, long id) => ((long)kind << Shift) | (id & ((1L << Shift) - 1));

    public static TimerKind KindOf(long tag) => (TimerKind)(tag >> Shift);

    public static long IdOf(long tag) => tag & ((1L << Shift) - 1);
}
