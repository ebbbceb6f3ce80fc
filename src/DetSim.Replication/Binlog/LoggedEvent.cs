using DetSim.Replication.Binlog.Events;

namespace DetSim.Replication.Binlog;

/// <summary>An event with where it sits in a log: it starts at <see cref="Position"/> and the next starts at <see cref="EndPosition"/> (the header's log_pos).</summary>
public sealed record LoggedEvent(string File, long Position, long EndPosition, BinlogEvent Event)
{
    public BinlogCoordinates Start => new(File, Position);
    public BinlogCoordinates End => new(File, EndPosition);
}
