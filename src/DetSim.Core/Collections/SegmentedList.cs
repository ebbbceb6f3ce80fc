using System.Collections;
using System.Numerics;

namespace DetSim.Core.Collections;

/// <summary>
/// An append-mostly list in segments that are never copied: 4 items, then 8, 16, ... up to 1,024,
/// then 1,024 each. A long list (a binlog's writes, a run's history) grows by adding a segment, no
/// segment is large enough for the large object heap, and a short one stays small. What a list of
/// n items allocates is n plus at most its last segment: growing one array by doubling, as the first
/// segment used to, allocated about 2n (a standard seed's file chunks: 13,200 items for 6,600 kept).
/// </summary>
public sealed class SegmentedList<T> : IReadOnlyList<T>
{
    private const int FirstShift = 2; // the first segment holds 4 items
    private const int MaxShift = 10; // segments grow to 1,024 items
    private const int MaxSize = 1 << MaxShift;
    private const int Growing = MaxShift - FirstShift + 1; // segments 0..8 double in size
    private const int GrowingItems = (1 << (MaxShift + 1)) - (1 << FirstShift); // 4 + 8 + ... + 1,024 = 2,044
    private readonly List<T[]> _segments = new(4);

    public int Count { get; private set; }

    public T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
            (int segment, int slot) = Locate(index);
            return _segments[segment][slot];
        }
    }

    /// <summary>The item at <paramref name="index"/>, to change in place.</summary>
    public ref T ItemRef(int index)
    {
        if ((uint)index >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(index));
        (int segment, int slot) = Locate(index);
        return ref _segments[segment][slot];
    }

    public void Add(in T item)
    {
        (int segment, int slot) = Locate(Count);
        if (segment == _segments.Count) _segments.Add(new T[SizeOf(segment)]);
        _segments[segment][slot] = item;
        Count++;
    }

    /// <summary>Keeps the first <paramref name="count"/> items.</summary>
    public void Truncate(int count)
    {
        Invariant.That(count >= 0 && count <= Count);
        for (int i = count; i < Count; i++) ItemRefUnchecked(i) = default!; // release the values
        Count = count;
    }

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < Count; i++) yield return ItemRefUnchecked(i);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ref T ItemRefUnchecked(int index)
    {
        (int segment, int slot) = Locate(index);
        return ref _segments[segment][slot];
    }

    private static int SizeOf(int segment) => segment < Growing ? 1 << (FirstShift + segment) : MaxSize;

    /// <summary>The segment holding item <paramref name="index"/> and its slot there.</summary>
    private static (int Segment, int Slot) Locate(int index)
    {
        if (index >= GrowingItems)
        {
            int rest = index - GrowingItems;
            return (Growing + (rest >> MaxShift), rest & (MaxSize - 1));
        }
        // Segment k starts at 4 * (2^k - 1): k = log2(index / 4 + 1).
        int k = BitOperations.Log2((uint)(index >> FirstShift) + 1);
        return (k, index - (((1 << k) - 1) << FirstShift));
    }
}
