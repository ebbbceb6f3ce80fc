using DetSim.Core.Faults;
using DetSim.Core.Time;

namespace DetSim.Testing.Tests.Examples;

/// <summary>The README's worked example: DetSim finds the primary-backup store's lost-write bug and replays it.</summary>
public class PrimaryBackupTests
{
    private static SimRun Run(ulong seed, bool ackBeforeBackup) =>
        Sim.Create(seed)
            .Node("primary", () => new Primary(ackBeforeBackup))
            .Node("backup", () => new Backup())
            .Node("writer", () => new Writer())
            .Nemesis(new NemesisOptions { Nodes = ["primary"], CrashWeight = 1, PartitionWeight = 0, Start = SimTime.FromMillis(10), End = SimTime.FromMillis(900), MeanGap = Duration.FromMillis(300) })
            .Run(SimTime.FromSeconds(2));

    /// <summary>Every write the writer saw acknowledged is on the backup (what a failover would serve).</summary>
    private static string? AckedWritesOnBackup(SimRun run)
    {
        var backup = run.Node<Backup>("backup")!;
        var lost = run.Observed<Acked>().Select(a => a.Key).Where(k => !backup.Has(k)).ToList();
        return lost.Count == 0 ? null : $"acknowledged keys missing on the backup: {string.Join(", ", lost)}";
    }

    [Fact]
    public void Sweep_finds_the_ack_before_backup_bug_and_the_seed_replays()
    {
        (ulong seed, string failure, int tried) = SeedSweep.FindFailure(500, s => AckedWritesOnBackup(Run(s, ackBeforeBackup: true)));

        Assert.Contains("acknowledged keys missing", failure);
        Assert.InRange(tried, 1, 500);
        SimRun first = Run(seed, ackBeforeBackup: true), again = Run(seed, ackBeforeBackup: true);
        Assert.Equal(first.Result.TraceHash, again.Result.TraceHash);
        Assert.Equal(failure, AckedWritesOnBackup(again));
    }

    [Fact]
    public void The_fixed_store_keeps_every_acknowledged_write_over_500_seeds()
    {
        SweepResult result = SeedSweep.Run(500, s => AckedWritesOnBackup(Run(s, ackBeforeBackup: false)), testName: nameof(The_fixed_store_keeps_every_acknowledged_write_over_500_seeds));
        Assert.Equal(500, result.SeedsRun);
    }

    [Fact]
    public void A_failing_sweep_names_the_seed_and_the_replay_command()
    {
        var ex = Assert.Throws<SeedFailedException>(() => SeedSweep.Run(500, s => AckedWritesOnBackup(Run(s, ackBeforeBackup: true)), testName: "PrimaryBackup"));
        Assert.Contains($"seed {ex.Seed} failed", ex.Message);
        Assert.Contains($"DETSIM_SEED={ex.Seed} dotnet test --filter \"FullyQualifiedName~PrimaryBackup\"", ex.Message);
    }
}
