using DetSim.Core.Random;

namespace DetSim.Core.Disk;

/// <summary>
/// A file whose writes are volatile until <see cref="Fsync"/>. The current view is what a running
/// process reads; the durable view is what a crash leaves behind.
/// </summary>
public sealed class SimFile
{
    private List<FileChunk> _chunks = new();
    private List<FileChunk> _durable = new();
    // True after a truncate: the durable view is no longer a prefix of the current one.
    private bool _rewritten;

    internal SimFile(string name) => Name = name;

    public string Name { get; }

    /// <summary>Bytes a running process sees.</summary>
    public long Length { get; private set; }

    /// <summary>Bytes that survive a crash.</summary>
    public long DurableLength { get; private set; }

    public bool HasUnsyncedData => _rewritten || _chunks.Count != _durable.Count;

    public IReadOnlyList<FileChunk> Chunks => _chunks;

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
        if (chunkCount < _durable.Count) _rewritten = true;
        _chunks.RemoveRange(chunkCount, _chunks.Count - chunkCount);
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
        if (_rewritten)
        {
            _durable = new List<FileChunk>(_chunks);
            _rewritten = false;
        }
        else
        {
            for (int i = _durable.Count; i < _chunks.Count; i++) _durable.Add(_chunks[i]);
        }
        DurableLength = Length;
    }

    /// <summary>All raw bytes of the current view (structured records read as zeros).</summary>
    public byte[] ReadAllBytes()
    {
        var result = new byte[Length];
        foreach (FileChunk c in _chunks)
            if (c.Bytes is not null) c.Bytes.CopyTo(result, c.Offset);
        return result;
    }

    internal void Crash(CrashMode mode, IChoiceSource random)
    {
        if (mode == CrashMode.ProcessCrash)
        {
            Fsync(); // the page cache outlives the process
            return;
        }
        var survivors = new List<FileChunk>(_durable);
        if (mode == CrashMode.TornWrite && !_rewritten && _chunks.Count > _durable.Count)
        {
            int unsynced = _chunks.Count - _durable.Count;
            int flushed = random.NextInt(unsynced + 1);
            for (int i = 0; i < flushed; i++) survivors.Add(_chunks[_durable.Count + i]);
            if (flushed < unsynced)
            {
                FileChunk victim = _chunks[_durable.Count + flushed];
                int kept = random.NextInt(victim.Length); // 0 .. Length-1 bytes reach the platter
                if (kept > 0)
                    survivors.Add(new FileChunk(victim.Offset, kept, victim.Bytes?[..kept], null, true));
            }
        }
        _chunks = survivors;
        _durable = new List<FileChunk>(survivors);
        _rewritten = false;
        Length = survivors.Count == 0 ? 0 : survivors[^1].End;
        DurableLength = Length;
    }
}
