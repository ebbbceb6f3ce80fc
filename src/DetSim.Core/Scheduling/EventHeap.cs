using System.Runtime.CompilerServices;
using DetSim.Core.Time;

namespace DetSim.Core.Scheduling;

/// <summary>
/// A 4-ary min-heap of <see cref="SimEvent"/>s ordered by (Time, Seq). Hand-written rather than
/// <see cref="PriorityQueue{TElement, TPriority}"/> so the storage is growable arrays: no
/// allocation per event once warmed up. The heap itself holds only each event's key and the slot
/// its 48-byte event sits in, so a sift moves 24 bytes per level and reads keys packed together;
/// an event is copied in once and out once. Four children per node, as PriorityQueue has, halve
/// the levels a pop walks; (Time, Seq) is a total order (every sequence number is unique), so any
/// heap shape pops the same events in the same order.
/// </summary>
internal sealed class EventHeap
{
    private struct Node
    {
        public long Time;
        public long Seq;
        public int Slot;
    }

    private Node[] _nodes = new Node[256];
    private SimEvent[] _events = new SimEvent[256];
    // A stack of the free slots of _events: entries _count.. are free, the ones below are in use.
    private int[] _free = Enumerable.Range(0, 256).ToArray();
    private int _count;

    public int Count => _count;

    /// <summary>Time of the earliest event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SimTime PeekTime()
    {
        Invariant.That(_count > 0);
        return new SimTime(_nodes[0].Time);
    }

    public void Push(in SimEvent item)
    {
        if (_count == _nodes.Length) Grow();
        int slot = _free[_count];
        _events[slot] = item;
        Node node = new() { Time = item.Time.Micros, Seq = item.Seq, Slot = slot };
        Node[] nodes = _nodes;
        int i = _count++;
        while (i > 0)
        {
            int parent = (i - 1) >> 2;
            if (!Less(node, nodes[parent])) break;
            nodes[i] = nodes[parent];
            i = parent;
        }
        nodes[i] = node;
    }

    public SimEvent Pop()
    {
        Invariant.That(_count > 0);
        int slot = _nodes[0].Slot;
        SimEvent top = _events[slot];
        _events[slot] = default; // release the payload reference
        int last = --_count;
        if (last > 0) SiftDown(_nodes[last], last);
        _free[last] = slot;
        return top;
    }

    public void Clear()
    {
        for (int i = 0; i < _count; i++)
        {
            _events[_nodes[i].Slot] = default;
            _free[i] = _nodes[i].Slot;
        }
        _count = 0;
    }

    private void Grow()
    {
        int size = _nodes.Length * 2;
        Array.Resize(ref _nodes, size);
        Array.Resize(ref _events, size);
        // The heap is full, so every old slot is in use and the free ones are exactly the new ones.
        int[] free = new int[size];
        for (int i = _count; i < size; i++) free[i] = i;
        _free = free;
    }

    /// <summary>Moves <paramref name="node"/> (the last element) down from the root, within the first <paramref name="count"/> entries.</summary>
    private void SiftDown(Node node, int count)
    {
        Node[] nodes = _nodes;
        int i = 0;
        while (true)
        {
            int first = (i << 2) + 1;
            if (first >= count) break;
            int child = first;
            int end = Math.Min(first + 4, count);
            for (int c = first + 1; c < end; c++)
                if (Less(nodes[c], nodes[child])) child = c;
            if (!Less(nodes[child], node)) break;
            nodes[i] = nodes[child];
            i = child;
        }
        nodes[i] = node;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Less(in Node a, in Node b) => a.Time < b.Time || (a.Time == b.Time && a.Seq < b.Seq);
}
