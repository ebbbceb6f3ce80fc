using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DetSim.Core.Tests.Scheduling;

public class EventHeapTests
{
    // Each op: a push at that time (>= 0) or a pop (< 0). Lists up to 1,200 ops grow the heap past its first 256 slots.
    private static Arbitrary<int[]> Ops => Gen.Choose(-3, 40).ArrayOf().Resize(1200).ToArbitrary();

    [Property(MaxTest = 200)]
    public Property Pops_every_event_with_its_own_payload_in_time_then_sequence_order() =>
        Prop.ForAll(Ops, ops =>
        {
            var heap = new EventHeap();
            var model = new SortedSet<(long Time, long Seq)>();
            long seq = 0;
            bool ok = true;
            void PopOne()
            {
                var expected = model.Min;
                model.Remove(expected);
                SimEvent ev = heap.Pop();
                // The payload travels with its event through the slot it was stored in, whatever slots were reused.
                ok &= ev.Time.Micros == expected.Time && ev.Seq == expected.Seq && ev.Tag == expected.Seq && Equals(ev.Payload, $"e{expected.Seq}");
            }
            foreach (int op in ops)
            {
                if (op >= 0)
                {
                    var ev = SimEvent.Timer(new SimTime(op), 0, 0, seq, $"e{seq}");
                    ev.Seq = seq;
                    heap.Push(ev);
                    model.Add((op, seq++));
                }
                else if (model.Count > 0) PopOne();
                ok &= heap.Count == model.Count && (model.Count == 0 || heap.PeekTime().Micros == model.Min.Time);
            }
            while (model.Count > 0) PopOne();
            return ok && heap.Count == 0;
        });

    [Fact]
    public void Clear_frees_every_slot_for_reuse()
    {
        var heap = new EventHeap();
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < 300; i++)
            {
                var ev = SimEvent.Timer(new SimTime(300 - i), 0, 0, i, i);
                ev.Seq = i;
                heap.Push(ev);
            }
            Assert.Equal(1, heap.PeekTime().Micros);
            Assert.Equal(299, heap.Pop().Payload);
            heap.Clear();
            Assert.Equal(0, heap.Count);
        }
        var last = SimEvent.Timer(new SimTime(7), 0, 0, 1, "only");
        heap.Push(last);
        Assert.Equal("only", heap.Pop().Payload);
    }
}
