using DetSim.Replication.Server;
using FsCheck;
using FsCheck.Fluent;

namespace DetSim.Testing.Generators;

/// <summary>
/// FsCheck generators and shrinkers for replication scenarios. Generation draws the topology,
/// configuration, load and fault timing; shrinking (kept apart from generation, FsCheck style) moves
/// towards fewer replicas, fewer sessions, less load, and no faults, keeping the seed.
/// </summary>
public static class ScenarioGen
{
    /// <summary>Scenarios of one replication mode with a source crash and a GTID failover.</summary>
    public static Gen<ReplicationCase> CrashAndFailover(ReplicationMode mode) =>
        from seed in ArbMap.Default.GeneratorFor<ulong>()
        from replicas in Gen.Choose(1, 3)
        from sessions in Gen.Choose(1, 6)
        from duration in Gen.Choose(200, 1200)
        from latency in Gen.Choose(1, 6)
        from crashFraction in Gen.Choose(30, 90)
        select new ReplicationCase(seed, replicas, mode, true, BinlogFormat.Row, sessions, duration, latency, duration * crashFraction / 100, true);

    public static Arbitrary<ReplicationCase> Arbitrary(Gen<ReplicationCase> gen) => Arb.From(gen, Shrink);

    public static IEnumerable<ReplicationCase> Shrink(ReplicationCase c)
    {
        if (c.Replicas > 1) yield return c with { Replicas = c.Replicas - 1 };
        if (c.Sessions > 1) yield return c with { Sessions = c.Sessions / 2 };
        if (c.Sessions > 1) yield return c with { Sessions = c.Sessions - 1 };
        if (c.DurationMs > 100)
        {
            int shorter = Math.Max(100, c.DurationMs / 2);
            yield return c with { DurationMs = shorter, CrashAtMs = c.CrashAtMs is { } crash ? Math.Min(crash, shorter - 10) : null };
        }
        if (c.ReplicaLatencyMs > 1) yield return c with { ReplicaLatencyMs = c.ReplicaLatencyMs - 1 };
        if (c.Failover) yield return c with { Failover = false };
        if (c.CrashAtMs is not null) yield return c with { CrashAtMs = null, Failover = false };
    }
}
