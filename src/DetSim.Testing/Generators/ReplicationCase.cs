using System.Globalization;
using System.Text;
using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;

namespace DetSim.Testing.Generators;

public enum ReplicationMode : byte
{
    Async,
    AfterCommit,
    AfterSync,
}

/// <summary>Star: every replica replicates from s1. Chain: s1 -> r1 -> r2 -> ... (log_replica_updates ON).</summary>
public enum Topology : byte
{
    Star,
    Chain,
}

/// <summary>
/// A generated replication scenario in a few numbers, so FsCheck can shrink it and a person can read
/// it: how many replicas, which mode, how much load, when the source crashes, and the seed. A failing
/// case prints itself as a spec that `detsim run` accepts.
/// </summary>
public sealed record ReplicationCase(
    ulong Seed,
    int Replicas,
    ReplicationMode Mode,
    bool Gtid,
    BinlogFormat Format,
    int Sessions,
    int DurationMs,
    int ReplicaLatencyMs,
    int? CrashAtMs,
    bool Failover)
{
    /// <summary>rpl_semi_sync_source_wait_for_replica_count (semi-sync modes only).</summary>
    public int AckCount { get; init; } = 1;

    public Topology Topology { get; init; } = Topology.Star;

    /// <summary>How the source dies: power loss (unsynced writes and unsent bytes gone) or kill -9 of the process.</summary>
    public DetSim.Core.Disk.CrashMode CrashMode { get; init; } = DetSim.Core.Disk.CrashMode.DropUnsynced;

    public PromotionRule Promote { get; init; } = PromotionRule.MostAdvanced;

    private int Acks => Math.Clamp(AckCount, 1, Topology == Topology.Chain ? 1 : Replicas);

    private string SourceOf(int i) => Topology == Topology.Chain && i > 1 ? $"r{i - 1}" : "s1";

    public Scenario ToScenario()
    {
        var source = new ServerOptions
        {
            GtidMode = Gtid,
            BinlogFormat = Format,
            ReplicaNetTimeout = Duration.FromSeconds(1),
            HeartbeatPeriod = Duration.FromMillis(200),
            SemiSync = Mode switch
            {
                ReplicationMode.AfterCommit => SemiSyncOptions.AfterCommit(Acks),
                ReplicationMode.AfterSync => SemiSyncOptions.AfterSync(Acks),
                _ => SemiSyncOptions.Off,
            },
        };
        ServerOptions replica = source with { SemiSync = SemiSyncOptions.Off, ReplicaSemiSync = Mode != ReplicationMode.Async };
        var servers = new List<ServerDefinition> { new("s1", source) };
        var links = new List<LinkOverride>();
        var latency = new LinkOptions { Latency = Latency.Exponential(Duration.FromMillis(ReplicaLatencyMs), Duration.FromMicros(ReplicaLatencyMs * 250)) };
        for (int i = 1; i <= Replicas; i++)
        {
            servers.Add(new ServerDefinition($"r{i}", replica, SourceOf(i)));
            links.Add(new LinkOverride(SourceOf(i), $"r{i}", latency));
            links.Add(new LinkOverride($"r{i}", SourceOf(i), latency));
        }
        var faults = new FaultPlan();
        if (CrashAtMs is { } crash)
        {
            faults.At(SimTime.FromMillis(crash), new CrashFault("s1", CrashMode));
            if (Failover) faults.At(SimTime.FromMillis(crash + 100), new FailoverFault());
        }
        return new Scenario
        {
            Name = "generated",
            Servers = servers,
            Network = LinkOptions.Default with { Latency = Latency.Exponential(Duration.FromMicros(50), Duration.FromMicros(50)) },
            Links = links,
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)")],
            Clients =
            [
                new ClientOptions { Name = "writer", Sessions = Sessions, Duration = Duration.FromMillis(DurationMs), Think = Duration.FromMillis(1), RequestTimeout = Duration.FromMillis(300), Transactions = [new TransactionTemplate(1, ["INSERT INTO t (v) VALUES ({n})"])] },
                new ClientOptions { Name = "reader", Sessions = 1, Duration = Duration.FromMillis(DurationMs), Think = Duration.FromMillis(1), RequestTimeout = Duration.FromMillis(300), Transactions = [new TransactionTemplate(1, ["SELECT * FROM t ORDER BY id DESC LIMIT 3"])] },
            ],
            Faults = faults,
            Failover = new FailoverOptions { Promote = Promote },
            TimeLimit = SimTime.FromSeconds(30),
        };
    }

    /// <summary>The case as a spec file; with <see cref="Seed"/> it reproduces the run exactly.</summary>
    public string ToSpec(string invariant)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"# found by FsCheck; replay: detsim run <this file> --seed {Seed}\n");
        sb.Append($"name: generated-counterexample\nexpect: violated\nexpect_invariant: {invariant}\ncheck: [{invariant}]\nseeds: 1\n");
        sb.Append(CultureInfo.InvariantCulture, $"seed_start: {Seed}\n");
        sb.Append($"defaults:\n  gtid_mode: {(Gtid ? "ON" : "OFF")}\n  binlog_format: {Format.ToString().ToUpperInvariant()}\n  replica_net_timeout: 1s\n  heartbeat_period: 200ms\n");
        if (Mode != ReplicationMode.Async) sb.Append("  replica_semi_sync: true\n");
        sb.Append("servers:\n");
        sb.Append(Mode == ReplicationMode.Async ? "  s1: {}\n" : string.Create(CultureInfo.InvariantCulture, $"  s1:\n    semi_sync: {{ enabled: true, wait_point: {(Mode == ReplicationMode.AfterSync ? "AFTER_SYNC" : "AFTER_COMMIT")}, wait_for_replica_count: {Acks} }}\n"));
        for (int i = 1; i <= Replicas; i++) sb.Append(CultureInfo.InvariantCulture, $"  r{i}: {{ source: {SourceOf(i)} }}\n");
        sb.Append("network:\n  latency: { min: 50us, jitter: 50us, tail_percent: 0 }\n  links:\n");
        for (int i = 1; i <= Replicas; i++)
            sb.Append(CultureInfo.InvariantCulture, $"    - {{ from: {SourceOf(i)}, to: r{i}, latency: {{ min: {ReplicaLatencyMs}ms, jitter: {ReplicaLatencyMs * 250}us, tail_percent: 0 }}, both_ways: true }}\n");
        sb.Append("workload:\n  tables:\n    - create: \"CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)\"\n  clients:\n");
        sb.Append(CultureInfo.InvariantCulture, $"    - {{ name: writer, count: {Sessions}, duration: {DurationMs}ms, think: 1ms, timeout: 300ms, transactions: [{{ sql: [\"INSERT INTO t (v) VALUES ({{n}})\"] }}] }}\n");
        sb.Append(CultureInfo.InvariantCulture, $"    - {{ name: reader, count: 1, duration: {DurationMs}ms, think: 1ms, timeout: 300ms, transactions: [{{ sql: [\"SELECT * FROM t ORDER BY id DESC LIMIT 3\"] }}] }}\n");
        if (CrashAtMs is { } crash)
        {
            string mode = CrashMode == DetSim.Core.Disk.CrashMode.ProcessCrash ? "process" : "power_loss";
            sb.Append(CultureInfo.InvariantCulture, $"faults:\n  - {{ at: {crash}ms, crash: {{ server: s1, mode: {mode} }} }}\n");
            if (Failover) sb.Append(CultureInfo.InvariantCulture, $"  - {{ at: {crash + 100}ms, failover: {{}} }}\n");
        }
        sb.Append($"failover:\n  promote: {(Promote == PromotionRule.FirstReplica ? "first_replica" : "most_advanced")}\n");
        return sb.ToString();
    }

    /// <summary>Servers, sessions and faults: what shrinking makes smaller.</summary>
    public string Size => $"{1 + Replicas} servers, {Sessions} writer sessions, {DurationMs} ms of load, {(CrashAtMs is null ? 0 : Failover ? 2 : 1)} faults";

    public override string ToString() =>
        $"seed={Seed} replicas={Replicas} mode={Mode} gtid={Gtid} format={Format} sessions={Sessions} duration={DurationMs}ms replica_latency={ReplicaLatencyMs}ms crash={(CrashAtMs?.ToString(CultureInfo.InvariantCulture) ?? "none")} failover={Failover} acks={Acks} topology={Topology} crash_mode={CrashMode} promote={Promote}";
}
