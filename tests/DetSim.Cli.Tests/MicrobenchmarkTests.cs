using DetSim.Benchmarks;

namespace DetSim.Cli.Tests;

/// <summary>
/// The micro-benchmarks time what their names say: each read returns the rows it claims, and the
/// template-bound statement is the same statement as the parsed text. (Their timings are figures,
/// docs/microbenchmarks.md, never assertions.)
/// </summary>
public class MicrobenchmarkTests
{
    [Theory]
    [InlineData(1_000)]
    [InlineData(100_000)]
    public void Every_read_returns_the_rows_it_is_named_for(int rows)
    {
        var b = new SelectBenchmarks { Rows = rows };
        b.Setup();
        Assert.Equal(100, b.NewestHundredSorted());
        Assert.Equal(100, b.NewestHundredByKey());
        Assert.Equal(1, b.PointLookup());
        Assert.Equal(100, b.Remembered());
        Assert.Equal(100, b.Remembered());
    }

    [Fact]
    public void Text_and_template_paths_run_the_same_point_read()
    {
        var b = new ParseBenchmarks();
        b.Setup();
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(1, b.ParsedAsText());
            Assert.Equal(1, b.BoundToTemplate());
        }
    }
}
