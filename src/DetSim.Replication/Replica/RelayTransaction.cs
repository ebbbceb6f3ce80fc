using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;

namespace DetSim.Replication.Replica;

/// <summary>One whole transaction read from the relay log, with where it starts and ends there and in the source's binlog.</summary>
internal sealed record RelayTransaction(int FirstIndex, int EndIndex, IReadOnlyList<LoggedEvent> Events)
{
    public GtidEvent? Head => Events.Count > 0 ? Events[0].Event as GtidEvent : null;
    public BinlogCoordinates SourceEnd => Events[^1].End;
    public long SequenceNumber => Head?.SequenceNumber ?? 0;
    public long LastCommitted => Head?.LastCommitted ?? 0;

    /// <summary>Reads the transaction starting at <paramref name="index"/>, or null if it is not complete yet. Rotate events count as their own unit.</summary>
    public static RelayTransaction? Read(RelayLog relay, int index)
    {
        int end = EndOf(relay, index);
        if (end < 0) return null; // found before allocating: the applier asks after every event the receiver queues
        var events = new LoggedEvent[end - index];
        for (int i = index; i < end; i++) events[i - index] = relay.At(i)!;
        return new RelayTransaction(index, end, events);
    }

    /// <summary>The relay index just past the whole transaction starting at <paramref name="index"/>, or -1 if it is not complete yet.</summary>
    public static int EndOf(RelayLog relay, int index)
    {
        for (int i = index; i < relay.Count; i++)
        {
            LoggedEvent? e = relay.At(i);
            if (e is null) return -1;
            if (e.Event is RotateEvent || Server.DumpThread.EndsTransaction(e.Event)) return i + 1;
        }
        return -1;
    }
}
