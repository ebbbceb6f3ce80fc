namespace DetSim.Core.Disk;

/// <summary>What a crash does to data written but not yet fsynced.</summary>
public enum CrashMode
{
    /// <summary>Everything unsynced is lost; exactly the synced bytes remain.</summary>
    DropUnsynced,
    /// <summary>
    /// The page cache had flushed some unsynced writes in order: a random prefix of them survives,
    /// and the write after that prefix is torn at a random byte.
    /// </summary>
    TornWrite,
    /// <summary>
    /// Only the process died (kill -9, an OOM kill): the operating system survives, so everything
    /// written to the page cache reaches the disk; only process memory is lost.
    /// </summary>
    ProcessCrash,
}
