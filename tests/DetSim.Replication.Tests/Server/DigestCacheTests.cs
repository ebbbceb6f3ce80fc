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

    [Fact]
    public void A_result_that_shares_rows_with_the_last_one_digests_as_if_digested_alone()
    {
        Value[][] rows = [.. Enumerable.Range(1, 6).Select(i => new[] { Value.Of(i), Value.Of(10 * i) })];
        Digests.ForgetRun();
        Digests.Of(new List<Value[]> { rows[2], rows[1], rows[0] });
        var shifted = new List<Value[]> { rows[5], rows[4], rows[3], rows[2], rows[1], rows[0] }; // the newest rows, three inserted since
        var broken = new List<Value[]> { rows[5], rows[2], rows[4], rows[1], rows[0] }; // shares a run, then differs
        ulong afterLast = Digests.Of(shifted), brokenAfterLast = Digests.Of(broken);

        Digests.ForgetRun();
        Assert.Equal(Digests.Of(shifted.ToList()), afterLast);
        Digests.ForgetRun();
        Assert.Equal(Digests.Of(broken.ToList()), brokenAfterLast);
        Assert.NotEqual(afterLast, brokenAfterLast);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference, ulong) DigestOfAFreshRow()
    {
        Value[] row = [Value.Of(42), Value.Of("x")];
        return (new WeakReference(row), Digests.Of(row, Digests.Remembered.Rows));
    }
}
