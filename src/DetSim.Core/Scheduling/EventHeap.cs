using System.Runtime.CompilerServices;

namespace DetSim.Core.Scheduling;

/// <summary>
/// A 4-ary min-heap of <see cref="SimEvent"/> structs ordered by (Time, Seq). Hand-written rather
/// than <see cref="PriorityQueue{TElement, TPriority}"/> so the ordering key is the event itself and
/// the storage is one growable array: no allocation per event once warmed up. Four children per
/// node, as PriorityQueue has, halve the levels a pop walks; (Time, Seq) is a total order (every
/// sequence number is unique), so any heap shape pops the same events in the same order.
/// </summary>
internal sealed class EventHeap
{
    private SimEvent[] _items = new SimEvent[256];
    private int _count;

    public int Count => _count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref readonly SimEvent Peek()
    {
        Invariant.That(_count > 0);
        return ref _items[0];
    }

    public void Push(in SimEvent item)
    {
        if (_count == _items.Length) Array.Resize(ref _items, _items.Length * 2);
        SimEvent[] items = _items;
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!Less(item, items[parent])) break;
            items[i] = items[parent];
            i = parent;
        }
        items[i] = item;
    }

    public SimEvent Pop()
    {
        Invariant.That(_count > 0);
        SimEvent top = _items[0];
        int last = --_count;
        if (last > 0) SiftDown(_items[last], last);
        _items[last] = default; // release the payload reference
        return top;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    /// <summary>Moves <paramref name="item"/> (the last element) down from the root, within the first <paramref name="count"/> slots.</summary>
    private void SiftDown(in SimEvent item, int count)
    {
        SimEvent[] items = _items;
        int i = 0;
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= count) break;
            int child = first;
            int end = Math.Min(first + 4, count);
            for (int c = first + 1; c < end; c++)
                if (Less(items[c], items[child])) child = c;
            if (!Less(items[child], item)) break;
            items[i] = items[child];
            i = child;
        }
        items[i] = item;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in SimEvent a, in SimEvent b) =>
        a.Time.Micros < b.Time.Micros || (a.Time.Micros == b.Time.Micros && a.Seq < b.Seq);
}
