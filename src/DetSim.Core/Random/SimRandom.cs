namespace DetSim.Core.Random;

/// <summary>
/// xoshiro256** 1.0 (Blackman and Vigna, https://prng.di.unimi.it/xoshiro256starstar.c), seeded
/// through SplitMix64. Pure integer arithmetic, so the stream is bit-identical on every machine and
/// .NET version (System.Random makes no such promise and is banned in simulation code).
/// Named streams (<see cref="Fork"/>) are independent: an extra draw in the network does not
/// reshuffle the workload.
/// </summary>
public sealed class SimRandom : IChoiceSource
{
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>The seed this stream was derived from (root seed or fork seed).</summary>
    public ulong Seed { get; }

    public SimRandom(ulong seed)
    {
        Seed = seed;
        var sm = new SplitMix64(seed);
        _s0 = sm.Next();
        _s1 = sm.Next();
        _s2 = sm.Next();
        _s3 = sm.Next();
        // xoshiro must not start from the all-zero state; SplitMix64 cannot produce four zeros,
        // but say so anyway.
        Invariant.That((_s0 | _s1 | _s2 | _s3) != 0);
    }

    /// <summary>Creates a generator from raw state words (for known-answer tests against the reference C code).</summary>
    public static SimRandom FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        Invariant.That((s0 | s1 | s2 | s3) != 0, "xoshiro256** state must not be all zero");
        var r = new SimRandom(0);
        (r._s0, r._s1, r._s2, r._s3) = (s0, s1, s2, s3);
        return r;
    }

    /// <summary>An independent stream named <paramref name="name"/>, a pure function of (Seed, name).</summary>
    public SimRandom Fork(string name) => new(StableHash.Combine(Seed, StableHash.Of(name)));

    IChoiceSource IChoiceSource.Fork(string name) => Fork(name);

    public ulong NextUInt64()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// Uniform in [0, bound) without modulo bias (Lemire, "Fast Random Integer Generation in an
    /// Interval", 2019: multiply-shift with rejection of the short zone).
    /// </summary>
    public ulong NextUInt64(ulong bound)
    {
        Invariant.That(bound > 0);
        ulong x = NextUInt64();
        UInt128 m = (UInt128)x * bound;
        ulong low = (ulong)m;
        if (low < bound)
        {
            ulong threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                x = NextUInt64();
                m = (UInt128)x * bound;
                low = (ulong)m;
            }
        }
        return (ulong)(m >> 64);
    }
}
