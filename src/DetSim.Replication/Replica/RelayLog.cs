using DetSim.Core.Disk;
using DetSim.Replication.Binlog;

namespace DetSim.Replication.Replica;

/// <summary>
/// The relay log: events as the receiver wrote them, each with its coordinates in the SOURCE's
/// binlog. Volatile until synced (sync_relay_log, default every 10000 events), so a power loss can
/// take its tail.
/// </summary>
internal sealed class RelayLog
{
    public const string FileName = "relay-bin.000001";
    private readonly SimFile _file;

    public RelayLog(SimDisk disk) => _file = disk.OpenOrCreate(FileName);

    public int Count => _file.ChunkCount;

    public LoggedEvent? At(int index)
    {
        if (index >= _file.ChunkCount) return null;
        return _file.ChunkAt(index).Value as LoggedEvent; // a torn entry reads as nothing
    }

    public void Append(LoggedEvent sourceEvent) => _file.Append(sourceEvent, sourceEvent.Event.Size);

    public void Sync() => _file.Fsync();

    /// <summary>Discards everything (relay_log_recovery=ON at startup, RESET REPLICA).</summary>
    public void Clear()
    {
        _file.TruncateChunks(0);
        _file.Fsync();
    }

    /// <summary>Cuts a partial transaction or torn entry off the tail (what survived a crash).</summary>
    public void TruncateAfterLastCompleteTransaction()
    {
        int keep = 0;
        for (int i = 0; i < _file.Chunks.Count; i++)
        {
            if (_file.Chunks[i].Value is not LoggedEvent e) break;
            if (Server.DumpThread.EndsTransaction(e.Event) || e.Event is Binlog.Events.RotateEvent) keep = i + 1;
        }
        _file.TruncateChunks(keep);
        _file.Fsync();
    }
}
