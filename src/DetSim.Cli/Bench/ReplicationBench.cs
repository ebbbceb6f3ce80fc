using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;

namespace DetSim.Cli.Bench;

/// <summary>Costs of the seed's trade-offs, measured in simulated bytes and simulated time.</summary>
public static class ReplicationBench
{
    public sealed record FormatRow(string Format, string Statement, long BinlogBytes);

    public sealed record SemisyncRow(string Mode, int Acks, long Commits, double P50Ms, double P99Ms, double CommitsPerSecond);

    /// <summary>Binlog bytes one bulk UPDATE of <paramref name="rows"/> rows adds to the source's binlog, per format.</summary>
    public static IReadOnlyList<FormatRow> Formats(int rows)
    {
        var result = new List<FormatRow>();
        string[] statements = [$"UPDATE t SET v = v + 1 WHERE id <= {rows}", $"UPDATE t SET v = v + 1 WHERE id <= {rows} LIMIT {rows}"];
        foreach (string sql in statements)
            foreach (BinlogFormat format in new[] { BinlogFormat.Row, BinlogFormat.Statement, BinlogFormat.Mixed })
            {
                long with = BinlogBytes(format, rows, sql), without = BinlogBytes(format, rows, null);
                result.Add(new FormatRow(format.ToString().ToUpperInvariant(), sql, with - without));
            }
        return result;
    }

    private static long BinlogBytes(BinlogFormat format, int rows, string? sql)
    {
        var options = new ServerOptions { GtidMode = true, BinlogFormat = format };
        var scenario = new Scenario
        {
            Servers = [new ServerDefinition("s1", options)],
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)", rows)],
            Clients = sql is null ? [] : [new ClientOptions { Name = "bulk", Duration = Duration.FromMillis(1), Transactions = [new TransactionTemplate(1, [sql])] }],
            TimeLimit = SimTime.FromSeconds(10),
        };
        RunReport r = ScenarioRunner.Run(scenario, 1, MySqlDialect.Instance);
        return r.Server("s1")!.BinlogBytes;
    }

    /// <summary>Commit latency and throughput of the same write workload under each replication mode, same network.</summary>
    public static IReadOnlyList<SemisyncRow> Semisync(ulong seed, Duration replicaLatency)
    {
        var modes = new (string Name, int Acks, SemiSyncOptions Options)[]
        {
            ("async", 0, SemiSyncOptions.Off),
            ("AFTER_COMMIT", 1, SemiSyncOptions.AfterCommit(1)),
            ("AFTER_SYNC", 1, SemiSyncOptions.AfterSync(1)),
            ("AFTER_SYNC", 2, SemiSyncOptions.AfterSync(2)),
        };
        var rows = new List<SemisyncRow>();
        foreach ((string name, int acks, SemiSyncOptions semi) in modes)
        {
            var replica = new ServerOptions { GtidMode = true, ReplicaSemiSync = true };
            var scenario = new Scenario
            {
                Servers = [new ServerDefinition("s1", replica with { SemiSync = semi }), new ServerDefinition("r1", replica, "s1"), new ServerDefinition("r2", replica, "s1")],
                Network = LinkOptions.Default with { Latency = Latency.Exponential(Duration.FromMicros(50), Duration.FromMicros(50)) },
                Links =
                [
                    new LinkOverride("s1", "r1", new LinkOptions { Latency = Latency.Exponential(replicaLatency, Duration.FromMicros(replicaLatency.Micros / 4)) }),
                    new LinkOverride("r1", "s1", new LinkOptions { Latency = Latency.Exponential(replicaLatency, Duration.FromMicros(replicaLatency.Micros / 4)) }),
                    new LinkOverride("s1", "r2", new LinkOptions { Latency = Latency.Exponential(replicaLatency * 2, Duration.FromMicros(replicaLatency.Micros / 2)) }),
                    new LinkOverride("r2", "s1", new LinkOptions { Latency = Latency.Exponential(replicaLatency * 2, Duration.FromMicros(replicaLatency.Micros / 2)) }),
                ],
                Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)")],
                Clients = [new ClientOptions { Name = "app", Sessions = 8, Duration = Duration.FromSeconds(2), Think = Duration.FromMicros(100), Transactions = [new TransactionTemplate(1, ["INSERT INTO t (v) VALUES ({n})"])] }],
                TimeLimit = SimTime.FromSeconds(30),
            };
            RunReport r = ScenarioRunner.Run(scenario, seed, MySqlDialect.Instance);
            var latencies = r.History.Where(o => o.Acknowledged && !o.IsRead).Select(o => (o.Completed!.Value - o.Invoked).Micros).Order().ToList();
            double P(double q) => latencies.Count == 0 ? 0 : latencies[(int)Math.Min(latencies.Count - 1, q * latencies.Count)] / 1000.0;
            rows.Add(new SemisyncRow(name, acks, latencies.Count, P(0.50), P(0.99), latencies.Count / 2.0));
        }
        return rows;
    }
}
