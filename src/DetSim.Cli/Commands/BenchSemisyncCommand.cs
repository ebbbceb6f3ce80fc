using System.ComponentModel;
using System.Globalization;
using DetSim.Cli.Bench;
using DetSim.Core.Time;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class BenchSemisyncCommand : Command<BenchSemisyncCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--png <FILE>")]
        [Description("Also draw the figures as a PNG chart.")]
        public string? Png { get; init; }

        [CommandOption("--seed <S>")]
        public string Seed { get; init; } = "1";

        [CommandOption("--replica-latency-ms <MS>")]
        [Description("One-way latency to the nearer replica (the other is twice as far). Default 1.")]
        public int ReplicaLatencyMs { get; init; } = 1;
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancel)
    {
        var rows = ReplicationBench.Semisync(Seeds.Parse(s.Seed), Duration.FromMillis(s.ReplicaLatencyMs));
        Console.WriteLine($"bench semisync: 8 sessions inserting for 2 s of simulated time; replicas {s.ReplicaLatencyMs} ms and {2 * s.ReplicaLatencyMs} ms away; fsync 0.5 ms");
        Console.WriteLine($"{"mode",-14} {"acks",4} {"commits",8} {"p50 ms",8} {"p99 ms",8} {"commits/s",10}");
        foreach (var r in rows)
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Mode,-14} {r.Acks,4} {r.Commits,8} {r.P50Ms,8:F2} {r.P99Ms,8:F2} {r.CommitsPerSecond,10:F0}"));
        if (s.Png is not null)
        {
            Charts.Semisync(rows, s.Png);
            Console.WriteLine($"chart: {s.Png}");
        }
        return ExitCodes.Ok;
    }
}
