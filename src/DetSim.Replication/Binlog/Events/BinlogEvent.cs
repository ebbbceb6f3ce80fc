using DetSim.Core.Random;
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

    /// <summary>StableHash.Of(Describe()): for the trace hash, which digests every event sent.</summary>
    public ulong DescriptionDigest()
    {
        Span<char> text = stackalloc char[256];
        return TryDescribe(text, out int written) ? StableHash.Of(text[..written]) : StableHash.Of(Describe());
    }

    /// <summary>Writes <see cref="Describe"/>'s text into <paramref name="destination"/>; the events every transaction logs do, the rest answer false.</summary>
    protected virtual bool TryDescribe(Span<char> destination, out int written)
    {
        written = 0;
        return false;
    }

    /// <summary>Describe() for an event whose text <see cref="TryDescribe"/> writes.</summary>
    protected string Described()
    {
        Span<char> text = stackalloc char[256];
        return TryDescribe(text, out int written) ? new string(text[..written]) : throw new InvalidOperationException($"{Type}'s description is over 256 characters");
    }

    public sealed override string ToString() => $"{Type} {Describe()}";
}
