using DetSim.Core.Disk;
using DetSim.Core.Random;

namespace DetSim.Core.Tests.Disk;

/// <summary>Files of thousands of records (a binlog, the redo log) keep them in segments: reads, truncates and crashes across segment boundaries.</summary>
public class LongFileTests
{
    private static SimFile Records(SimDisk disk, int count)
    {
        SimFile f = disk.OpenOrCreate("log");
        for (int i = 0; i < count; i++) f.Append(i, 10);
        return f;
    }

    [Fact]
    public void Every_record_reads_back_in_order_past_several_segments()
    {
        SimFile f = Records(new SimDisk(), 3_000);
        Assert.Equal(3_000, f.Chunks.Count);
        for (int i = 0; i < 3_000; i++)
        {
            Assert.Equal(i, f.Chunks[i].Value);
            Assert.Equal(i * 10L, f.Chunks[i].Offset);
        }
        Assert.Equal(Enumerable.Range(0, 3_000).Cast<object>(), f.Chunks.Select(c => c.Value!));
        Assert.Equal(2_999, f.Chunks[^1].Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => f.Chunks[3_000]);
    }

    [Fact]
    public void A_crash_drops_the_unsynced_records_after_a_segment_boundary()
    {
        var disk = new SimDisk();
        SimFile f = Records(disk, 1_500);
        f.Fsync();
        for (int i = 1_500; i < 2_600; i++) f.Append(i, 10);
        disk.Crash(CrashMode.DropUnsynced, new SimRandom(1));
        Assert.Equal(1_500, f.Chunks.Count);
        Assert.Equal(15_000, f.Length);
        Assert.Equal(1_499, f.Chunks[^1].Value);
        f.Append(-1, 10); // the file goes on after the crash
        Assert.Equal(-1, f.Chunks[1_500].Value);
        Assert.Equal(15_000L, f.Chunks[1_500].Offset);
    }

    [Fact]
    public void A_truncate_into_the_synced_part_keeps_the_old_durable_view_until_the_next_fsync()
    {
        var disk = new SimDisk();
        SimFile f = Records(disk, 2_100);
        f.Fsync();
        f.TruncateChunks(1_030);
        Assert.Equal(1_030, f.Chunks.Count);
        Assert.True(f.HasUnsyncedData);
        disk.Crash(CrashMode.DropUnsynced, new SimRandom(1));
        Assert.Equal(2_100, f.Chunks.Count); // the platter still holds what the last fsync wrote
        Assert.Equal(2_099, f.Chunks[^1].Value);
        f.TruncateChunks(1_030);
        f.Fsync();
        disk.Crash(CrashMode.DropUnsynced, new SimRandom(1));
        Assert.Equal(1_030, f.Chunks.Count);
    }
}
