using DetSim.Core.Disk;
using DetSim.Core.Random;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DetSim.Core.Tests.Disk;

public class DiskTests
{
    // An operation: 0 = append n bytes, 1 = fsync.
    private static Arbitrary<(int Op, byte N)[]> Ops =>
        Gen.Zip(Gen.Choose(0, 3), Gen.Choose(1, 200).Select(n => (byte)n)).Select(t => (t.Item1 == 3 ? 1 : 0, t.Item2)).ArrayOf().ToArbitrary();

    private static (SimDisk Disk, byte[] Written, long Synced) Apply((int Op, byte N)[] ops)
    {
        var disk = new SimDisk();
        SimFile f = disk.OpenOrCreate("data");
        var written = new List<byte>();
        long synced = 0;
        byte next = 0;
        foreach ((int op, byte n) in ops)
        {
            if (op == 1) { f.Fsync(); synced = written.Count; continue; }
            var bytes = Enumerable.Range(0, n).Select(_ => next++).ToArray();
            f.Append(bytes);
            written.AddRange(bytes);
        }
        return (disk, written.ToArray(), synced);
    }

    [Property(MaxTest = 300)]
    public Property A_crash_keeps_exactly_the_synced_bytes() =>
        Prop.ForAll(Ops, ops =>
        {
            var (disk, written, synced) = Apply(ops);
            disk.Crash(CrashMode.DropUnsynced, new SimRandom(1));
            byte[] after = disk.TryOpen("data")!.ReadAllBytes();
            return after.Length == synced && after.AsSpan().SequenceEqual(written.AsSpan(0, (int)synced));
        });

    [Property(MaxTest = 300)]
    public Property A_torn_write_keeps_the_synced_bytes_plus_a_prefix_of_what_followed() =>
        Prop.ForAll(Ops, ArbMap.Default.ArbFor<ulong>(), (ops, seed) =>
        {
            var (disk, written, synced) = Apply(ops);
            disk.Crash(CrashMode.TornWrite, new SimRandom(seed));
            byte[] after = disk.TryOpen("data")!.ReadAllBytes();
            return after.Length >= synced && after.Length <= written.Length && after.AsSpan().SequenceEqual(written.AsSpan(0, after.Length));
        });

    [Fact]
    public void Torn_writes_do_tear_and_a_process_crash_keeps_the_page_cache()
    {
        var (disk, written, synced) = Apply([(0, 100), (1, 0), (0, 100), (0, 100)]);
        var lengths = Enumerable.Range(1, 50).Select(seed =>
        {
            var (d, _, _) = Apply([(0, 100), (1, 0), (0, 100), (0, 100)]);
            d.Crash(CrashMode.TornWrite, new SimRandom((ulong)seed));
            return d.TryOpen("data")!.Length;
        }).ToHashSet();
        Assert.Contains(lengths, l => l % 100 != 0); // some crash cut a write in the middle
        disk.Crash(CrashMode.ProcessCrash, new SimRandom(1));
        Assert.Equal(written.Length, disk.TryOpen("data")!.Length);
        Assert.Equal(100, synced);
    }

    [Fact]
    public void Overwritten_state_files_revert_to_their_last_synced_version()
    {
        var disk = new SimDisk();
        SimFile f = disk.OpenOrCreate("pos");
        f.Overwrite("v1", 8);
        f.Fsync();
        f.Overwrite("v2", 8);
        disk.Crash(CrashMode.DropUnsynced, new SimRandom(1));
        Assert.Equal("v1", Assert.Single(disk.TryOpen("pos")!.Chunks).Value);
    }

    [Fact]
    public void A_file_rewritten_after_every_sync_keeps_each_synced_version_until_the_next()
    {
        // Rewrites reuse the list a synced rewrite left over: every crash must still find the last synced record.
        var disk = new SimDisk();
        SimFile f = disk.OpenOrCreate("pos");
        f.Overwrite("v0", 8);
        f.Fsync();
        for (int i = 1; i <= 5; i++)
        {
            f.Overwrite($"v{i}", 8);
            f.Overwrite($"v{i}b", 8); // twice before a sync: the durable view is still the synced one
            Assert.Equal($"v{i}b", Assert.Single(f.Chunks).Value);
            f.Fsync();
        }
        f.Overwrite("lost", 8);
        disk.Crash(CrashMode.DropUnsynced, new SimRandom(1));
        Assert.Equal("v5b", Assert.Single(disk.TryOpen("pos")!.Chunks).Value);
        f = disk.TryOpen("pos")!;
        f.Overwrite("v6", 8);
        disk.Crash(CrashMode.DropUnsynced, new SimRandom(1));
        Assert.Equal("v5b", Assert.Single(disk.TryOpen("pos")!.Chunks).Value);
    }
}
