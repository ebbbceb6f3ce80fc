using DetSim.Core.Time;

namespace DetSim.Replication.Binlog.Events;

/// <summary>
/// A binlog event as the model keeps it: a structured record sized like MySQL's bytes. The header
/// fields that matter downstream are kept: originating server_id and timestamp (preserved
/// through replication, RM80; MYSQL-FACTS §1.2).
/// </summary>
public abstract record BinlogEvent
{
    public required uint ServerId { get; init; }

    /// <summary>When the statement or transaction started on the originating server (its clock).</summary>
    public required SimTime Timestamp { get; init; }

    /// <summary>Whose byte layout the event has: MySQL 8.0's (default) or MariaDB 10.11's (<see cref="EventSizes.MariaDb"/>).</summary>
    public Flavor Flavor { get; init; }

    public abstract EventType Type { get; }

    /// <summary>Total bytes: header, body and CRC32 footer.</summary>
    public abstract int Size { get; }

    public abstract string Describe();

    public sealed override string ToString() => $"{Type} {Describe()}";
}
