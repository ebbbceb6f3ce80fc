using DetSim.Replication.Gtid;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DetSim.Replication.Tests.Gtid;

public class GtidSetTests
{
    private const string A = "3e11fa47-71ca-11e1-9e33-c80aa9429562";
    private const string B = "4f22ab58-82db-22f2-af44-d91bb0530673";

    [Fact]
    public void Text_form_is_mysqls_canonical_form()
    {
        var set = new GtidSet();
        foreach (long n in new long[] { 1, 2, 3, 5, 7, 8, 4 }) set.Add(new Replication.Gtid.Gtid(A, n));
        set.Add(new Replication.Gtid.Gtid(B, 10));
        Assert.Equal($"{A}:1-5:7-8,{B}:10", set.ToString());
        Assert.Equal(set, GtidSet.Parse(set.ToString()));
    }

    [Fact]
    public void Parse_rejects_malformed_sets()
    {
        Assert.Throws<FormatException>(() => GtidSet.Parse($"{A}"));
        Assert.Throws<FormatException>(() => GtidSet.Parse($"{A}:x-3"));
        Assert.Throws<ArgumentOutOfRangeException>(() => GtidSet.Parse($"{A}:0"));
    }

    [Fact]
    public void Subtract_and_subset_follow_gtid_subtract()
    {
        GtidSet replica = GtidSet.Parse($"{A}:1-10,{B}:1-3");
        GtidSet source = GtidSet.Parse($"{A}:1-8");
        Assert.Equal($"{A}:9-10,{B}:1-3", replica.Subtract(source).ToString());
        Assert.True(source.IsSubsetOf(replica));
        Assert.False(replica.IsSubsetOf(source));
    }

    [Fact]
    public void Next_gno_is_the_first_unused_number()
    {
        Assert.Equal(1, GtidSet.Parse($"{B}:1-4").NextGno(A));
        Assert.Equal(5, GtidSet.Parse($"{A}:1-4:9").NextGno(A));
    }

    private static Arbitrary<long[]> Numbers => Gen.Choose(1, 60).Select(i => (long)i).ArrayOf().ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Set_operations_agree_with_a_plain_set_model()
    {
        return Prop.ForAll(Numbers, Numbers, Numbers, (xs, ys, removed) =>
        {
            var x = new GtidSet();
            var y = new GtidSet();
            foreach (long n in xs) x.Add(new Replication.Gtid.Gtid(A, n));
            foreach (long n in ys) y.Add(new Replication.Gtid.Gtid(A, n));
            foreach (long n in removed) x.Remove(new Replication.Gtid.Gtid(A, n));
            var mx = xs.Except(removed).ToHashSet();
            var my = ys.ToHashSet();
            bool contains = Enumerable.Range(1, 60).All(n => x.Contains(A, n) == mx.Contains(n));
            bool subtract = Enumerable.Range(1, 60).All(n => x.Subtract(y).Contains(A, n) == (mx.Contains(n) && !my.Contains(n)));
            bool subset = x.IsSubsetOf(y) == mx.IsSubsetOf(my);
            GtidSet u = x.Clone();
            u.UnionWith(y);
            bool union = Enumerable.Range(1, 60).All(n => u.Contains(A, n) == (mx.Contains(n) || my.Contains(n)));
            bool count = x.Count == mx.Count;
            bool roundTrip = GtidSet.Parse(x.ToString()).Equals(x);
            return contains && subtract && subset && union && count && roundTrip;
        });
    }
}
