using System.Runtime.CompilerServices;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Server;

/// <summary>The trace hash's digest caches remember the objects of the run on this thread, and only until the next run starts.</summary>
public class DigestCacheTests
{
    [Fact]
    public void Forgetting_the_last_run_leaves_none_of_its_rows_alive_in_the_digest_caches()
    {
        (WeakReference row, ulong digest) = DigestOfAFreshRow();
        GC.Collect();
        Assert.True(row.IsAlive); // remembered: the cache holds it

        Digests.ForgetRun();
        GC.Collect();
        Assert.False(row.IsAlive);
        Assert.Equal(digest, Digests.Of([Value.Of(42), Value.Of("x")], Digests.Remembered.Rows)); // forgetting changes no digest
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference, ulong) DigestOfAFreshRow()
    {
        Value[] row = [Value.Of(42), Value.Of("x")];
        return (new WeakReference(row), Digests.Of(row, Digests.Remembered.Rows));
    }
}
