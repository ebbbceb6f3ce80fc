using DetSim.Harness.Campaigns;

namespace DetSim.Testing.Tests.Examples;

/// <summary>The README's worked example: on DetSim's harness, a seed campaign finds the primary-backup store's lost-write bug and the seed replays.</summary>
public class PrimaryBackupTests
{
    private static readonly AckedWritesSurvive Check = new();

    private static string? Failure(KvRun run) => Check.Check(run) is { IsViolated: true } r ? r.Violations[0].Message : null;

    [Fact]
    public void Sweep_finds_the_ack_before_backup_bug_and_the_seed_replays()
    {
        CampaignResult<KvRun> campaign = Campaign.Run(1, 500, s => PrimaryBackupCluster.Run(s, ackBeforeBackup: true), run => Failure(run) is not null);

        SeedOutcome<KvRun> found = Assert.IsType<SeedOutcome<KvRun>>(campaign.FirstFailure);
        Assert.Contains("acknowledged keys missing on backup", Failure(found.Outcome));
        // The failover tool promoted the backup over the network: that is where the writes went missing.
        Assert.Equal("backup", found.Outcome.FinalSource);
        Assert.Contains("promoted backup", found.Outcome.Failovers);
        KvRun again = PrimaryBackupCluster.Run(found.Seed, ackBeforeBackup: true);
        Assert.Equal(found.Outcome.Result.TraceHash, again.Result.TraceHash);
        Assert.Equal(Failure(found.Outcome), Failure(again));
    }

    [Fact]
    public void The_fixed_store_keeps_every_acknowledged_write_over_500_seeds()
    {
        int failedOver = 0, settled = 0;
        SweepResult result = SeedSweep.Run(500, s =>
        {
            KvRun run = PrimaryBackupCluster.Run(s, ackBeforeBackup: false);
            if (run.FinalSource == "backup") failedOver++;
            if (run.End == Harness.Scenarios.RunEnd.Settled) settled++;
            return Failure(run);
        }, testName: nameof(The_fixed_store_keeps_every_acknowledged_write_over_500_seeds));
        Assert.Equal(500, result.SeedsRun);
        // The property was really exercised: most seeds crash the primary and fail over, and every run settles.
        Assert.InRange(failedOver, 250, 500);
        Assert.Equal(500, settled);
    }

    [Fact]
    public void The_harness_availability_checker_judges_the_store_too()
    {
        // A neutral checker of the harness, reused unchanged: writes fail between the crash and the failover.
        KvRun run = Campaign.Run(1, 50, s => PrimaryBackupCluster.Run(s, ackBeforeBackup: false), r => r.FinalSource == "backup").FirstFailure!.Outcome;
        CheckResult strict = new Harness.Checking.Availability<KvRun>(0.999).Check(run);
        Assert.True(strict.IsViolated, strict.ToString());
        Assert.Contains("writes succeeded", strict.Violations[0].Message);
        Assert.True(new Harness.Checking.Availability<KvRun>(0.5).Check(run).Held);
    }

    [Fact]
    public void A_failing_sweep_names_the_seed_and_the_replay_command()
    {
        var ex = Assert.Throws<SeedFailedException>(() => SeedSweep.Run(500, s => Failure(PrimaryBackupCluster.Run(s, ackBeforeBackup: true)), testName: "PrimaryBackup"));
        Assert.Contains($"seed {ex.Seed} failed", ex.Message);
        Assert.Contains($"DETSIM_SEED={ex.Seed} dotnet test --filter \"FullyQualifiedName~PrimaryBackup\"", ex.Message);
    }
}
