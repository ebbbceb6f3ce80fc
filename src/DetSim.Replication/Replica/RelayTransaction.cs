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
        var events = new List<LoggedEvent>(8); // a row transaction: GTID, BEGIN, Table_map, rows, XID
        for (int i = index; i < relay.Count; i++)
        {
            LoggedEvent? e = relay.At(i);
            if (e is null) return null;
            events.Add(e);
            if (e.Event is RotateEvent || Server.DumpThread.EndsTransaction(e.Event)) return new RelayTransaction(index, i + 1, events);
        }
        return null;
    }
}
