using System.Runtime.CompilerServices;

namespace DetSim.Core.Scheduling;

/// <summary>
/// A binary min-heap of <see cref="SimEvent"/> structs ordered by (Time, Seq). Hand-written rather
/// than <see cref="PriorityQueue{TElement, TPriority}"/> so the ordering key is the event itself and
/// the storage is one growable array: no allocation per event once warmed up.
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
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (!Less(item, _items[parent])) break;
            _items[i] = _items[parent];
            i = parent;
        }
        _items[i] = item;
    }

    public SimEvent Pop()
    {
        Invariant.That(_count > 0);
        SimEvent top = _items[0];
        SimEvent last = _items[--_count];
        _items[_count] = default; // release the payload reference
        if (_count > 0) SiftDown(last);
        return top;
    }

    public void Clear()
    {
        Array.Clear(_items, 0, _count);
        _count = 0;
    }

    private void SiftDown(in SimEvent item)
    {
        int i = 0;
        int half = _count >> 1;
        while (i < half)
        {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < _count && Less(_items[right], _items[child])) child = right;
            if (!Less(_items[child], item)) break;
            _items[i] = _items[child];
            i = child;
        }
        _items[i] = item;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in SimEvent a, in SimEvent b) =>
        a.Time.Micros < b.Time.Micros || (a.Time.Micros == b.Time.Micros && a.Seq < b.Seq);
}
