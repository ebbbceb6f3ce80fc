using System.Collections;

namespace DetSim.Core.Collections;

/// <summary>
/// An append-mostly list in segments of at most 1,024 items: a long one (a binlog's writes, a run's
/// observations) grows by adding a segment instead of copying one ever larger array, and no segment
/// is large enough for the large object heap. The first segment starts small, as most lists stay short.
/// </summary>
public sealed class SegmentedList<T> : IReadOnlyList<T>
{
    private const int Shift = 10;
    private const int SegmentSize = 1 << Shift;
    private readonly List<T[]> _segments = [new T[4]];

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            return _segments[index >> Shift][index & (SegmentSize - 1)];
        }
    }

    /// <summary>The item at <paramref name="index"/>, to change in place.</summary>
    public ref T ItemRef(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        return ref _segments[index >> Shift][index & (SegmentSize - 1)];
    }

    public void Add(in T item)
    {
        int segment = Count >> Shift, slot = Count & (SegmentSize - 1);
        if (segment == _segments.Count) _segments.Add(new T[SegmentSize]);
        T[] items = _segments[segment];
        if (slot == items.Length)
        {
            Array.Resize(ref items, Math.Min(items.Length * 2, SegmentSize)); // only the first segment grows
            _segments[segment] = items;
        }
        items[slot] = item;
        Count++;
    }

    /// <summary>Keeps the first <paramref name="count"/> items.</summary>
    public void Truncate(int count)
    {
        Invariant.That(count >= 0 && count <= Count);
        for (int i = count; i < Count; i++) _segments[i >> Shift][i & (SegmentSize - 1)] = default!; // release the values
        Count = count;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return _segments[i >> Shift][i & (SegmentSize - 1)];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
