using DetSim.Core.Faults;
using DetSim.Core.Time;
using DetSim.Testing;
using DetSim.Testing.Tests.Examples; // Primary, Backup, Writer, Acked: the worked example's nodes
using Xunit;

public class PrimaryBackupSweep
{
    [Fact]
    public void Acked_writes_survive_a_primary_crash() =>
        SeedSweep.Run(500, seed =>
        {
            SimRun run = Sim.Create(seed)
                .Node("primary", () => new Primary(ackBeforeBackup: false))
                .Node("backup", () => new Backup())
                .Node("writer", () => new Writer())
                .Nemesis(new NemesisOptions { Nodes = ["primary"], CrashWeight = 1, PartitionWeight = 0 })
                .Run(SimTime.FromSeconds(2));
            var backup = run.Node<Backup>("backup")!;
            var lost = run.Observed<Acked>().Where(a => !backup.Has(a.Key)).ToList();
            return lost.Count == 0 ? null : $"acknowledged keys lost: {string.Join(", ", lost)}";
        }, testName: nameof(Acked_writes_survive_a_primary_crash));
}
