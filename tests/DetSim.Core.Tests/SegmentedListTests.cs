using DetSim.Core.Collections;

namespace DetSim.Core.Tests;

public class SegmentedListTests
{
    [Fact]
    public void Every_item_stays_where_it_was_added_across_the_growing_and_the_full_segments()
    {
        var list = new SegmentedList<int>();
        const int n = 2044 + 3 * 1024 + 17; // the doubling segments, three full ones and part of a fourth
        for (int i = 0; i < n; i++) list.Add(i * 7);
        Assert.Equal(n, list.Count);
        for (int i = 0; i < n; i++) Assert.Equal(i * 7, list[i]);
        Assert.Equal(Enumerable.Range(0, n).Select(i => i * 7), list);
        list.ItemRef(2043) = -1;
        list.ItemRef(2044) = -2;
        Assert.Equal([-1, -2], new[] { list[2043], list[2044] });
        Assert.Throws<ArgumentOutOfRangeException>(() => list[n]);
    }

    [Fact]
    public void Truncating_releases_the_items_cut_and_appending_again_fills_their_slots()
    {
        var list = new SegmentedList<string>();
        for (int i = 0; i < 3000; i++) list.Add("v" + i);
        list.Truncate(10);
        Assert.Equal(10, list.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[10]);
        for (int i = 10; i < 3000; i++) list.Add("w" + i);
        Assert.Equal("v9", list[9]);
        Assert.Equal("w10", list[10]);
        Assert.Equal("w2999", list[2999]);
    }
}
