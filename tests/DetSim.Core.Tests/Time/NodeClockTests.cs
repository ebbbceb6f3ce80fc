using DetSim.Core.Time;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DetSim.Core.Tests.Time;

public class NodeClockTests
{
    [Property(MaxTest = 300)]
    public Property Clocks_follow_offset_and_drift()
    {
        return Prop.ForAll(Gen.Choose(-1_000_000, 1_000_000).ToArbitrary(), Gen.Choose(-1000, 1000).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(),
            (offset, ppm, t) =>
            {
                var clock = new NodeClock(Duration.FromMicros(offset), ppm);
                long expected = (long)t + offset + (long)t * ppm / 1_000_000; // in long: t + offset can pass int.MaxValue
                return clock.Read(new SimTime(t)).Micros == expected;
            });
    }

    [Fact]
    public void Jumps_move_the_reading_both_ways_and_drift_continues_from_there()
    {
        var clock = new NodeClock(Duration.Zero, 100);
        SimTime t = SimTime.FromSeconds(10);
        long before = clock.Read(t).Micros;
        clock.Jump(t, Duration.FromSeconds(-5));
        Assert.Equal(before - 5_000_000, clock.Read(t).Micros);
        clock.Jump(t, Duration.FromSeconds(2));
        Assert.Equal(before - 3_000_000, clock.Read(t).Micros);
        // 100 ppm of the next 10 s is 1 ms.
        Assert.Equal(before - 3_000_000 + 10_000_000 + 1000, clock.Read(t + Duration.FromSeconds(10)).Micros);
    }

    [Fact]
    public void A_fast_clock_fires_timers_early_in_true_time()
    {
        var fast = new NodeClock(Duration.Zero, 100_000); // 10% fast
        Assert.Equal(909_090, fast.ToTrueDuration(Duration.FromSeconds(1)).Micros);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NodeClock(Duration.Zero, 600_000));
    }
}
