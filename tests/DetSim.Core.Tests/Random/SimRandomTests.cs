using DetSim.Core.Random;
using FsCheck.Xunit;

namespace DetSim.Core.Tests.Random;

public class SimRandomTests
{
    // Produced by Vigna's reference xoshiro256starstar.c and splitmix64.c, compiled with gcc
    // (the same values the rand_xoshiro crate's reference test lists).
    [Fact]
    public void Xoshiro256StarStar_matches_the_reference_implementation()
    {
        var r = SimRandom.FromState(1, 2, 3, 4);
        ulong[] expected = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600,
            16172922978634559625, 8476171486693032832, 10595114339597558777, 2904607092377533576];
        foreach (ulong e in expected) Assert.Equal(e, r.NextUInt64());
    }

    [Fact]
    public void SplitMix64_matches_the_reference_implementation()
    {
        var sm = new SplitMix64(0);
        Assert.Equal(0xe220a8397b1dcdafUL, sm.Next());
        Assert.Equal(0x6e789e6aa1b965f4UL, sm.Next());
        Assert.Equal(0x06c45d188009454fUL, sm.Next());
    }

    [Fact]
    public void A_seed_gives_the_same_stream_on_every_machine()
    {
        // xoshiro256** seeded with four SplitMix64(42) outputs, as the reference C code computes it.
        var r = new SimRandom(42);
        Assert.Equal(1546998764402558742UL, r.NextUInt64());
        Assert.Equal(6990951692964543102UL, r.NextUInt64());
        Assert.Equal(12544586762248559009UL, r.NextUInt64());
    }

    [Property(MaxTest = 200)]
    public bool Forks_are_independent_of_draws_on_other_forks(ulong seed, byte extraDraws)
    {
        var a = new SimRandom(seed);
        var b = new SimRandom(seed);
        SimRandom netA = a.Fork("network"), workA = a.Fork("workload");
        SimRandom netB = b.Fork("network"), workB = b.Fork("workload");
        for (int i = 0; i < extraDraws; i++) netB.NextUInt64();
        return Enumerable.Range(0, 20).All(_ => workA.NextUInt64() == workB.NextUInt64()) && netA.Seed == netB.Seed;
    }

    [Property(MaxTest = 200)]
    public bool Bounded_draws_stay_in_range(ulong seed, ulong bound)
    {
        bound = Math.Max(1, bound);
        var r = new SimRandom(seed);
        return Enumerable.Range(0, 50).All(_ => r.NextUInt64(bound) < bound);
    }

    [Fact]
    public void Bounded_draws_have_no_modulo_bias()
    {
        // With bound = 3·2^62, plain "x % bound" maps two thirds of all 64-bit values below 2^62:
        // the lowest third of the range would get half the draws instead of a third.
        ulong bound = 3UL << 62;
        var r = new SimRandom(7);
        int low = 0, n = 60_000;
        for (int i = 0; i < n; i++)
            if (r.NextUInt64(bound) < (1UL << 62)) low++;
        double share = (double)low / n;
        Assert.InRange(share, 0.32, 0.347); // unbiased: 1/3; modulo: 1/2
    }

    [Fact]
    public void Small_bounds_are_uniform_by_chi_square()
    {
        var r = new SimRandom(11);
        int k = 10, n = 100_000;
        var counts = new int[k];
        for (int i = 0; i < n; i++) counts[r.NextInt(k)]++;
        double expected = (double)n / k;
        double chi = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi < 27.88, $"chi-square {chi} for 9 degrees of freedom exceeds the 0.1% critical value");
    }

    [Fact]
    public void Chance_and_exponential_have_the_right_means()
    {
        var r = new SimRandom(3);
        int hits = Enumerable.Range(0, 100_000).Count(_ => r.Chance(Ratio.Percent(30)));
        Assert.InRange(hits, 29_400, 30_600);
        double mean = Enumerable.Range(0, 100_000).Average(_ => r.NextExponential(250.0));
        Assert.InRange(mean, 245, 255);
        Assert.False(r.Chance(Ratio.Zero));
        Assert.True(r.Chance(Ratio.One));
    }

    [Fact]
    public void NextLong_includes_both_bounds()
    {
        var r = new SimRandom(5);
        var seen = Enumerable.Range(0, 1000).Select(_ => r.NextLong(-2, 2)).ToHashSet();
        Assert.Equal(new HashSet<long> { -2, -1, 0, 1, 2 }, seen);
    }

    [Fact]
    public void Deterministic_ln_agrees_with_the_platform_log()
    {
        double[] xs = [1.0, 2.0, 0.5, 1e-300, 4.9e-324, 1e300, Math.E, 0.999999, 1.000001, 123456.789];
        foreach (double x in xs)
        {
            double expected = Math.Log(x), actual = DetMath.Ln(x);
            Assert.True(Math.Abs(actual - expected) <= 1e-14 * Math.Max(1, Math.Abs(expected)), $"ln({x}) = {actual}, Math.Log = {expected}");
        }
        var r = new SimRandom(9);
        for (int i = 0; i < 10_000; i++)
        {
            double x = r.NextDouble() * 1e6 + 1e-9;
            Assert.True(Math.Abs(DetMath.Ln(x) - Math.Log(x)) <= 1e-13 * Math.Max(1, Math.Abs(Math.Log(x))));
        }
    }
}
