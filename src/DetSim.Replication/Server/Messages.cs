using DetSim.Core.Network;
using DetSim.Core.Random;
using DetSim.Replication.Binlog;
using DetSim.Replication.Gtid;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Server;

// What crosses the simulated network. Records, so traces print them readably.

/// <summary>A client transaction: its statements run in order, then COMMIT (a single statement is autocommit).</summary>
public sealed record ClientRequest(long RequestId, int Session, IReadOnlyList<string> Sql) : IStableDigest
{
    /// <summary>The templates <see cref="Sql"/> was filled from, one per statement (null: typed as is), and with what.</summary>
    /// <remarks>Not in the digest: the texts are what the server was sent; these only let it parse each template once.</remarks>
    public IReadOnlyList<string>? Templates { get; init; }

    public TemplateValues Values { get; init; }

    public ulong StableDigest()
    {
        ulong h = StableHash.Combine((ulong)RequestId, (ulong)Session);
        Digests.Memory memory = Digests.Remembered;
        for (int i = 0; i < Sql.Count; i++) h = StableHash.Combine(h, Digests.Of(Sql[i], memory)); // indexed: no boxed enumerator per request
        return h;
    }

    public override string ToString() => $"request#{RequestId} s{Session} [{string.Join("; ", Sql)}]";
}

/// <summary>The server's answer: OK with the last SELECT's rows and the row changes made, or an error.</summary>
public sealed record ClientReply(long RequestId, SqlError? Error, IReadOnlyList<Value[]> Rows, IReadOnlyList<RowChange> Changes, IReadOnlyList<string> Warnings, string? Gtid) : IStableDigest
{
    public ulong StableDigest()
    {
        ulong h = StableHash.Combine((ulong)RequestId, (ulong)(Error?.Code ?? 0));
        h = StableHash.Combine(h, Gtid is null ? 0 : StableHash.Of(Gtid));
        if (Rows.Count > 0) h = StableHash.Combine(h, Digests.Of(Rows));
        return StableHash.Combine(h, (ulong)Changes.Count);
    }

    public bool Ok => Error is null;

    public override string ToString() => Ok ? $"reply#{RequestId} ok{(Gtid is null ? "" : " " + Gtid)}" : $"reply#{RequestId} {Error}";
}

/// <summary>COM_BINLOG_DUMP / COM_BINLOG_DUMP_GTID from a replica's receiver thread.</summary>
public sealed record DumpRequest(long ConnectionId, uint ServerId, string ServerUuid, bool AutoPosition, BinlogCoordinates Start, GtidSet? ReplicaGtids, bool SemiSync)
{
    public override string ToString() =>
        AutoPosition ? $"dump-gtid conn#{ConnectionId} from [{ReplicaGtids}]" : $"dump conn#{ConnectionId} from {Start}";
}

/// <summary>Events streamed by a dump thread; <see cref="NeedsAck"/> marks the end of a transaction a semi-sync source waits on.</summary>
/// <see cref="After"/> is where the stream stood before this packet (the end of the previous packet or heartbeat), so the receiver can prove it has no hole.
public sealed record BinlogPacket(long ConnectionId, BinlogCoordinates After, IReadOnlyList<LoggedEvent> Events, bool NeedsAck) : IStableDigest
{
    public ulong StableDigest()
    {
        ulong h = StableHash.Combine((ulong)ConnectionId, NeedsAck ? 1UL : 0UL);
        Digests.Memory memory = Digests.Remembered;
        for (int i = 0; i < Events.Count; i++) h = StableHash.Combine(h, Digests.Of(Events[i], memory));
        return h;
    }

    public override string ToString() => $"binlog conn#{ConnectionId} {Events.Count} events to {Events[^1].End}{(NeedsAck ? " ack-requested" : "")}";
}

/// <summary>Heartbeat from an idle dump thread.</summary>
public sealed record Heartbeat(long ConnectionId, BinlogCoordinates After, BinlogCoordinates SourceEnd) : IStableDigest
{
    public ulong StableDigest() => StableHash.Combine((ulong)ConnectionId, Digests.Of(SourceEnd));

    public override string ToString() => $"heartbeat conn#{ConnectionId} {SourceEnd}";
}

/// <summary>The dump thread refused or failed: error 1236 with MySQL's text.</summary>
public sealed record DumpError(long ConnectionId, int Code, string Message)
{
    public override string ToString() => $"dump-error conn#{ConnectionId} {Code}: {Message}";
}

/// <summary>Semi-sync reply from a replica's receiver: everything up to <see cref="Position"/> is in its relay log.</summary>
public sealed record SemiSyncAck(long ConnectionId, uint ServerId, BinlogCoordinates Position) : IStableDigest
{
    public ulong StableDigest() => StableHash.Combine(StableHash.Combine((ulong)ConnectionId, ServerId), Digests.Of(Position));

    public override string ToString() => $"ack conn#{ConnectionId} {Position}";
}

/// <summary>
/// Stable digests of what messages carry, for the trace hash. Hot: every delivered message is
/// digested, so these compute the same values as hashing the text (Describe(), ToString()) without
/// building it where they can, and remember the digests of events and rows (a dump thread sends the same event to
/// every replica, a read of the newest rows sends mostly the rows the previous read sent). Both
/// are immutable once sent. The memory is per thread and bounded (<see cref="IdentityDigestCache{T}"/>):
/// campaign workers share no lock and no table that grows with the runs.
/// </summary>
internal static class Digests
{
    private static readonly ulong NullDigest = StableHash.Of("NULL");

    /// <summary>This thread's memories, in one thread-static slot: each thread-static read costs a lookup of its own.</summary>
    internal sealed class Memory
    {
        public readonly IdentityDigestCache<LoggedEvent> Events = new();
        public readonly IdentityDigestCache<Value[]> Rows = new();
        public readonly IdentityDigestCache<IReadOnlyList<Value[]>> Results = new();
        public readonly IdentityDigestCache<string> Texts = new();

        // The last result digested, with its rows' digests: the next read of the newest rows mostly
        // sends the same row arrays shifted by the rows inserted between (see Of(rows)).
        public IReadOnlyList<Value[]>? LastResult;
        public ulong[] LastRowDigests = [];
        public ulong[] SpareRowDigests = [];

        public void Forget()
        {
            Events.Clear();
            Rows.Clear();
            Results.Clear();
            Texts.Clear();
            LastResult = null;
        }
    }

    [ThreadStatic] private static Memory? t_memory;

    /// <summary>This thread's memory of digests.</summary>
    public static Memory Remembered => t_memory ??= new();

    public static ulong Of(BinlogCoordinates c) => Of(c, Remembered);

    private static ulong Of(BinlogCoordinates c, Memory memory) => c.IsNone ? 0 : StableHash.Combine(Of(c.File, memory), (ulong)c.Position);

    /// <summary>StableHash.Of(text), remembered per string object: a file name is the same string in every event of its file, a read's text the same in every request of its template.</summary>
    public static ulong Of(string text) => Of(text, Remembered);

    public static ulong Of(string text, Memory memory)
    {
        IdentityDigestCache<string> texts = memory.Texts;
        if (texts.TryGet(text, out ulong known)) return known;
        ulong h = StableHash.Of(text);
        texts.Set(text, h);
        return h;
    }

    /// <summary>Forgets this thread's remembered objects: a run starts with none of the last run's alive.</summary>
    public static void ForgetRun()
    {
        t_memory?.Forget();
    }

    /// <summary>An event's place and kind, and the text of what it describes (statement, rows, GTID).</summary>
    /// <remarks>Remembered per logged event (immutable, and the same object every time it is sent), so its place's file name is not hashed again for every packet.</remarks>
    public static ulong Of(LoggedEvent e, Memory memory)
    {
        IdentityDigestCache<LoggedEvent> cache = memory.Events;
        // The slot from the event's end position (distinct within a binlog file), not its identity hash.
        int slot = (int)(((ulong)e.EndPosition * 0x9E3779B97F4A7C15UL) >> 40);
        if (cache.TryGet(e, slot, out ulong known)) return known;
        ulong h = StableHash.Combine(StableHash.Combine(Of(e.End, memory), (ulong)e.Event.Type), e.Event.DescriptionDigest());
        cache.Set(e, slot, h);
        return h;
    }

    /// <summary>
    /// A result set's digest, remembered per list: a server answers an unchanged table's read with the
    /// list it sent before, so a loop of reads digests each result once.
    /// </summary>
    public static ulong Of(IReadOnlyList<Value[]> rows)
    {
        Memory memory = Remembered;
        IdentityDigestCache<IReadOnlyList<Value[]>> results = memory.Results;
        if (results.TryGet(rows, out ulong known)) return known;
        IdentityDigestCache<Value[]> cache = memory.Rows;
        ReadOnlySpan<Value[]> span = ResultRows.Span(rows);
        // The run of rows this result shares with the last one (the newest rows, shifted by the
        // inserts between) takes their digests from it, without a lookup per row.
        ReadOnlySpan<Value[]> previous = memory.LastResult is { } last ? ResultRows.Span(last) : default;
        ReadOnlySpan<ulong> previousDigests = memory.LastRowDigests;
        int shift = ResultRows.ShiftFrom(span, previous);
        ulong[] digests = memory.SpareRowDigests.Length >= span.Length ? memory.SpareRowDigests : new ulong[span.Length];
        ulong h = (ulong)span.Length;
        for (int i = 0; i < span.Length; i++)
        {
            ulong d = ResultRows.Shared(span, previous, shift, i) ? previousDigests[i - shift] : Of(span[i], cache);
            digests[i] = d;
            h = StableHash.Combine(h, d);
        }
        (memory.SpareRowDigests, memory.LastRowDigests, memory.LastResult) = (memory.LastRowDigests, digests, rows);
        results.Set(rows, h);
        return h;
    }

    /// <summary>A row's digest; remembered per row array (committed rows are immutable and every read of the newest rows sends the same ones again).</summary>
    public static ulong Of(Value[] row, IdentityDigestCache<Value[]> cache)
    {
        if (cache.TryGet(row, out ulong known)) return known;
        ulong h = (ulong)row.Length;
        foreach (Value v in row) h = StableHash.Combine(h, Of(v));
        cache.Set(row, h);
        return h;
    }

    /// <summary>StableHash.Of(v.ToString()), without the string for integers and NULL.</summary>
    private static ulong Of(Value v)
    {
        if (v.IsNull) return NullDigest;
        if (v.IsText) return StableHash.Of(v.ToString());
        Span<byte> utf8 = stackalloc byte[24];
        v.Integer.TryFormat(utf8, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        return System.IO.Hashing.XxHash64.HashToUInt64(utf8[..written]);
    }
}
