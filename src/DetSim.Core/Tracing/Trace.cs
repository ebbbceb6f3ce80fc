using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using DetSim.Core.Time;

namespace DetSim.Core.Tracing;

/// <summary>
/// The run's trace. Every step feeds a 64-bit XxHash64 (same seed and binary: same hash in any
/// process); records are kept only when <see cref="Capture"/> is on, so a campaign of thousands of
/// seeds pays for the hash alone. Node names are looked up by index, so recording a step
/// allocates nothing.
/// </summary>
public sealed class Trace
{
    private const int RecordBytes = 8 + 8 + 1 + 4 + 4 + 8 + 8; // step, time, kind, node, peer, tag, payload digest
    private readonly XxHash64 _hash = new();
    private readonly byte[] _buffer = new byte[4096];
    private int _buffered;
    private readonly List<TraceRecord>? _records;
    private readonly List<ulong>? _stepHashes;
    private readonly Func<int, string> _nameOf;

    public Trace(bool capture, Func<int, string> nameOf, bool keepStepHashes = false)
    {
        Capture = capture;
        _nameOf = nameOf;
        if (capture) _records = new List<TraceRecord>();
        if (keepStepHashes) _stepHashes = new List<ulong>();
    }

    public bool Capture { get; }

    public long Count { get; private set; }

    public IReadOnlyList<TraceRecord> Records => _records ?? (IReadOnlyList<TraceRecord>)Array.Empty<TraceRecord>();

    /// <summary>Rolling hash after each record, for locating the first divergent step of two runs.</summary>
    public IReadOnlyList<ulong> StepHashes => _stepHashes ?? (IReadOnlyList<ulong>)Array.Empty<ulong>();

    /// <summary>Records a step. <paramref name="detail"/> is hashed; <paramref name="lazyDetail"/> is only rendered when capturing.</summary>
    public void Add(SimTime time, TraceKind kind, int node, int peer, long tag, string? detail = null, object? lazyDetail = null, ulong digest = 0)
    {
        long step = Count++;
        if (_buffered + RecordBytes > _buffer.Length) Flush();
        Span<byte> span = _buffer.AsSpan(_buffered, RecordBytes);
        BinaryPrimitives.WriteInt64LittleEndian(span, step);
        BinaryPrimitives.WriteInt64LittleEndian(span[8..], time.Micros);
        span[16] = (byte)kind;
        BinaryPrimitives.WriteInt32LittleEndian(span[17..], node);
        BinaryPrimitives.WriteInt32LittleEndian(span[21..], peer);
        BinaryPrimitives.WriteInt64LittleEndian(span[25..], tag);
        BinaryPrimitives.WriteUInt64LittleEndian(span[33..], digest);
        _buffered += RecordBytes;
        if (detail is not null) AppendText(detail);
        if (_stepHashes is not null) _stepHashes.Add(CurrentHash());
        if (_records is not null)
        {
            string text = detail ?? lazyDetail?.ToString() ?? "";
            _records.Add(new TraceRecord(step, time, kind, Name(node), Name(peer), tag, text));
        }
    }

    /// <summary>The XxHash64 of everything recorded so far.</summary>
    public ulong CurrentHash()
    {
        Flush();
        return _hash.GetCurrentHashAsUInt64();
    }

    public string ToText()
    {
        var sb = new StringBuilder();
        foreach (TraceRecord r in Records) sb.Append(r.Text).Append('\n');
        return sb.ToString();
    }

    private string Name(int node) => node < 0 ? "" : _nameOf(node);

    private void AppendText(string text)
    {
        int max = Encoding.UTF8.GetMaxByteCount(text.Length) + 4;
        if (max > _buffer.Length - _buffered) Flush();
        if (max > _buffer.Length)
        {
            _hash.Append(Encoding.UTF8.GetBytes(text));
            return;
        }
        int written = Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_buffered + 4));
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_buffered), written);
        _buffered += 4 + written;
    }

    private void Flush()
    {
        if (_buffered == 0) return;
        _hash.Append(_buffer.AsSpan(0, _buffered));
        _buffered = 0;
    }
}
