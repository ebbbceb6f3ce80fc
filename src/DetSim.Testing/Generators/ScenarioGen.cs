using DetSim.Checking;
using DetSim.Core.Disk;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using FsCheck;
using FsCheck.Fluent;

namespace DetSim.Testing.Generators;

/// <summary>
/// FsCheck generators and shrinkers for replication scenarios. Generation draws the seed (all 64
/// bits), the topology, the binlog format, the semi-sync ACK count, the load, how and when the
/// source dies and how the failover tool promotes; shrinking (kept apart from generation, FsCheck
/// style) moves towards fewer replicas, fewer sessions, less load, and no faults.
/// </summary>
public static class ScenarioGen
{
    /// <summary>A uniformly random 64-bit seed from four 16-bit draws (FsCheck's ulong generator is size-bounded).</summary>
    public static Gen<ulong> Seed =>
        from a in Gen.Choose(0, 0xFFFF)
        from b in Gen.Choose(0, 0xFFFF)
        from c in Gen.Choose(0, 0xFFFF)
        from d in Gen.Choose(0, 0xFFFF)
        select ((ulong)(uint)a << 48) | ((ulong)(uint)b << 32) | ((ulong)(uint)c << 16) | (uint)d;

    /// <summary>
    /// Scenarios of one replication mode with a source crash and a GTID failover. With
    /// <paramref name="lossless"/> the failover tool promotes the most advanced replica: lossless
    /// semi-sync promises that some replica has each acknowledged commit, not that the first one
    /// does, so promoting the first replica may lose one and that is MySQL's behaviour, not a bug.
    /// </summary>
    public static Gen<ReplicationCase> CrashAndFailover(ReplicationMode mode, bool lossless = false) =>
        from seed in Seed
        from replicas in Gen.Choose(1, 3)
        from topology in Gen.Elements(Topology.Star, Topology.Star, Topology.Chain)
        from format in Gen.Elements(BinlogFormat.Row, BinlogFormat.Mixed, BinlogFormat.Statement)
        from acks in Gen.Choose(1, replicas)
        from sessions in Gen.Choose(1, 6)
        from duration in Gen.Choose(200, 1200)
        from latency in Gen.Choose(1, 6)
        from crashFraction in Gen.Choose(30, 90)
        from crashMode in Gen.Elements(CrashMode.DropUnsynced, CrashMode.ProcessCrash)
        from promote in lossless ? Gen.Constant(PromotionRule.MostAdvanced) : Gen.Elements(PromotionRule.MostAdvanced, PromotionRule.FirstReplica)
        select new ReplicationCase(seed, replicas, mode, true, format, sessions, duration, latency, duration * crashFraction / 100, true)
        {
            AckCount = acks,
            Topology = topology,
            CrashMode = crashMode,
            Promote = promote,
        };

    public static Arbitrary<ReplicationCase> Arbitrary(Gen<ReplicationCase> gen) => Arb.From(gen, Shrink);

    public static IEnumerable<ReplicationCase> Shrink(ReplicationCase c)
    {
        if (c.Replicas > 1) yield return c with { Replicas = c.Replicas - 1, AckCount = Math.Min(c.AckCount, c.Replicas - 1) };
        if (c.Topology != Topology.Star) yield return c with { Topology = Topology.Star };
        if (c.Sessions > 1) yield return c with { Sessions = c.Sessions / 2 };
        if (c.Sessions > 1) yield return c with { Sessions = c.Sessions - 1 };
        if (c.DurationMs > 100)
        {
            int shorter = Math.Max(100, c.DurationMs / 2);
            yield return c with { DurationMs = shorter, CrashAtMs = c.CrashAtMs is { } crash ? Math.Min(crash, shorter - 10) : null };
        }
        if (c.ReplicaLatencyMs > 1) yield return c with { ReplicaLatencyMs = c.ReplicaLatencyMs - 1 };
        if (c.Format != BinlogFormat.Row) yield return c with { Format = BinlogFormat.Row };
        if (c.Failover) yield return c with { Failover = false };
        if (c.CrashAtMs is not null) yield return c with { CrashAtMs = null, Failover = false };
    }

    /// <summary>
    /// A property that fails when <paramref name="violations"/> reports anything, and, once it has
    /// failed, only when the SAME invariant fails again: FsCheck keeps a shrink step only if the
    /// property still fails, so a smaller case that breaks some other invariant is not taken as the
    /// same bug. <see cref="SameInvariant.Pinned"/> names the invariant the shrunk case breaks.
    /// </summary>
    public sealed class SameInvariant(Func<ReplicationCase, IReadOnlyList<Violation>> violations)
    {
        public string? Pinned { get; private set; }

        public bool Holds(ReplicationCase c)
        {
            IReadOnlyList<Violation> v = violations(c);
            if (v.Count == 0) return true;
            Pinned ??= v[0].Invariant;
            return !v.Any(x => x.Invariant == Pinned);
        }
    }

    /// <summary>The failure as one block: FsCheck's replay line and the spec that reproduces the shrunk case.</summary>
    public static string Report(string fsCheckMessage, ReplicationCase shrunk, string invariant)
    {
        var replay = System.Text.RegularExpressions.Regex.Match(fsCheckMessage, @"seed of \((\d+),\s*(\d+)\)|\((\d+),\s*(\d+)\)");
        string[] parts = replay.Groups.Values.Skip(1).Where(g => g.Success).Select(g => g.Value).ToArray();
        string line = replay.Success
            ? $"({parts[0]},{parts[1]}): Config.QuickThrowOnFailure.WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd({parts[0]}UL, {parts[1]}UL), null)))"
            : "(FsCheck printed no replay token: " + fsCheckMessage.Split('\n')[0] + ")";
        return $"FsCheck replay {line}\n" +
               $"shrunk case: {shrunk}\n" +
               $"DetSim spec (detsim run counterexample.yaml --seed {shrunk.Seed}):\n{shrunk.ToSpec(invariant)}";
    }
}
