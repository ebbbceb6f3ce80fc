using DetSim.Harness.Checking;
using DetSim.Testing;
using DetSim.Testing.Tests.Examples; // KvServer, Writer, PromoteTheBackup, AckedWritesSurvive, PrimaryBackupCluster: the worked example
using Xunit;

public class PrimaryBackupSweep
{
    [Fact]
    public void Acked_writes_survive_a_primary_crash() =>
        SeedSweep.Run(500, seed =>
        {
            KvRun run = PrimaryBackupCluster.Run(seed, ackBeforeBackup: false);
            CheckResult check = new AckedWritesSurvive().Check(run);
            return check.IsViolated ? check.ToString() : null;
        }, testName: nameof(Acked_writes_survive_a_primary_crash));
}
