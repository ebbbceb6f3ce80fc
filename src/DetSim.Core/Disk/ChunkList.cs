using System.Collections;

namespace DetSim.Core.Disk;

/// <summary>
/// The writes of a <see cref="SimFile"/>, in segments of at most 1,024: a long log (a binlog, the
/// redo log) grows by adding a segment instead of copying one ever larger array, and no segment is
/// large enough for the large object heap. The first segment starts small, as most files hold a
/// few records.
/// </summary>
internal sealed class ChunkList : IReadOnlyList<FileChunk>
{
    private const int Shift = 10;
    private const int SegmentSize = 1 << Shift;
    private readonly List<FileChunk[]> _segments = [new FileChunk[4]];

    public int Count { get; private set; }

    public FileChunk this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _segments[index >> Shift][index & (SegmentSize - 1)];
        }
    }

    public void Add(in FileChunk chunk)
    {
        int segment = Count >> Shift, slot = Count & (SegmentSize - 1);
        if (segment == _segments.Count) _segments.Add(new FileChunk[SegmentSize]);
        FileChunk[] items = _segments[segment];
        if (slot == items.Length)
        {
            Array.Resize(ref items, Math.Min(items.Length * 2, SegmentSize)); // only the first segment grows
            _segments[segment] = items;
        }
        items[slot] = chunk;
        Count++;
    }

    /// <summary>Keeps the first <paramref name="count"/> chunks.</summary>
    public void Truncate(int count)
    {
        Invariant.That(count >= 0 && count <= Count);
        for (int i = count; i < Count; i++) _segments[i >> Shift][i & (SegmentSize - 1)] = default; // release the values
        Count = count;
    }

    /// <summary>A copy of the first <paramref name="count"/> chunks.</summary>
    public ChunkList Prefix(int count)
    {
        var copy = new ChunkList();
        for (int i = 0; i < count; i++) copy.Add(this[i]);
        return copy;
    }

    public IEnumerator<FileChunk> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return _segments[i >> Shift][i & (SegmentSize - 1)];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
