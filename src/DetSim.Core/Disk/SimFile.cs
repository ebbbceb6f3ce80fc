using DetSim.Core.Collections;
using DetSim.Core.Random;

namespace DetSim.Core.Disk;

/// <summary>
/// A file whose writes are volatile until <see cref="Fsync"/>. The current view is what a running
/// process reads; the durable view is what a crash leaves behind.
/// </summary>
public sealed class SimFile
{
    private SegmentedList<FileChunk> _chunks = new();
    // The durable view is the first _durableCount chunks of the current one, unless a truncate cut
    // into it: then _rewrittenDurable holds it (one list per file, not a copy per fsync).
    private int _durableCount;
    private SegmentedList<FileChunk>? _rewrittenDurable;
    // The list a synced rewrite left over, reused by the next: a position file rewritten after every
    // transaction allocates no list per rewrite.
    private SegmentedList<FileChunk>? _spare;

    internal SimFile(string name) => Name = name;

    public string Name { get; }

    /// <summary>Bytes a running process sees.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes that survive a crash.</summary>
    public long DurableLength { get; private set; }

    public bool HasUnsyncedData => _rewrittenDurable is not null || _chunks.Count != _durableCount;

    public IReadOnlyList<FileChunk> Chunks => _chunks;

    /// <summary><c>Chunks.Count</c> without the interface call: logs read chunk by chunk on every event.</summary>
    public int ChunkCount => _chunks.Count;

    /// <summary><c>Chunks[index]</c> without the interface call.</summary>
    public FileChunk ChunkAt(int index) => _chunks[index];

    /// <summary>Appends raw bytes (copied).</summary>
    public long Append(ReadOnlySpan<byte> bytes)
    {
        Invariant.That(bytes.Length > 0, "an empty write is a model bug");
        long offset = Length;
        _chunks.Add(new FileChunk(offset, bytes.Length, bytes.ToArray(), null, false));
        Length += bytes.Length;
        return offset;
    }

    /// <summary>Appends a structured record that occupies <paramref name="length"/> bytes.</summary>
    public long Append(object value, int length)
    {
        Invariant.That(length > 0, "a record occupies at least one byte");
        long offset = Length;
        _chunks.Add(new FileChunk(offset, length, null, value, false));
        Length += length;
        return offset;
    }

    /// <summary>Cuts the file to the first <paramref name="chunkCount"/> writes (a rewrite of a small state file starts with Truncate(0)).</summary>
    public void TruncateChunks(int chunkCount)
    {
        Invariant.That(chunkCount >= 0 && chunkCount <= _chunks.Count);
        if (chunkCount == _chunks.Count) return;
        if (chunkCount < _durableCount && _rewrittenDurable is null)
        {
            // The current list keeps the durable view; the current view goes on in another list.
            SegmentedList<FileChunk> current = _spare ?? new();
            _spare = null;
            for (int i = 0; i < chunkCount; i++) current.Add(_chunks[i]);
            _chunks.Truncate(_durableCount);
            (_rewrittenDurable, _chunks) = (_chunks, current);
        }
        else
        {
            _chunks.Truncate(chunkCount);
        }
        Length = chunkCount == 0 ? 0 : _chunks[^1].End;
    }

    /// <summary>Replaces the whole content with one record (a position file rewritten in place).</summary>
    public void Overwrite(object value, int length)
    {
        TruncateChunks(0);
        Append(value, length);
    }

    public void Fsync()
    {
        if (_rewrittenDurable is { } old)
        {
            old.Truncate(0);
            _spare = old;
            _rewrittenDurable = null;
        }
        _durableCount = _chunks.Count;
        DurableLength = Length;
    }

    /// <summary>All raw bytes of the current view (structured records read as zeros).</summary>
    public byte[] ReadAllBytes()
    {
        var result = new byte[Length];
        for (int i = 0; i < _chunks.Count; i++)
            if (_chunks[i] is { Bytes: { } bytes } c) bytes.CopyTo(result, c.Offset);
        return result;
    }

    internal void Crash(CrashMode mode, IChoiceSource random)
    {
        if (mode == CrashMode.ProcessCrash)
        {
            Fsync(); // the page cache outlives the process
            return;
        }
        if (_rewrittenDurable is not null)
        {
            _chunks = _rewrittenDurable;
            _rewrittenDurable = null;
        }
        else
        {
            int unsynced = _chunks.Count - _durableCount, flushed = 0;
            FileChunk? torn = null;
            if (mode == CrashMode.TornWrite && unsynced > 0)
            {
                flushed = random.NextInt(unsynced + 1);
                if (flushed < unsynced)
                {
                    FileChunk victim = _chunks[_durableCount + flushed];
                    int kept = random.NextInt(victim.Length); // 0 .. Length-1 bytes reach the platter
                    if (kept > 0) torn = new FileChunk(victim.Offset, kept, victim.Bytes?[..kept], null, true);
                }
            }
            int survivors = _durableCount + flushed;
            _chunks.Truncate(survivors);
            if (torn is { } t) _chunks.Add(t);
        }
        _durableCount = _chunks.Count;
        Length = _chunks.Count == 0 ? 0 : _chunks[^1].End;
        DurableLength = Length;
    }
}
