using DetSim.Checking;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Tests.Scenarios;

public class ConvergenceTests
{
    [Fact]
    public void Source_and_two_replicas_converge_without_faults()
    {
        Scenario s = Topologies.SourceWithReplicas(2);
        RunReport report = ScenarioRunner.Run(s, seed: 1, MySqlDialect.Instance);
        Assert.Equal("settled", report.Result.StopReason);
        Assert.True(report.History.Count(o => o.Acknowledged) > 50, $"only {report.History.Count(o => o.Acknowledged)} acknowledged ops");
        Assert.Empty(InvariantCatalog.Converged.Check(report));
        Assert.Empty(InvariantCatalog.NoLostAckedWrite.Check(report));
        Assert.Equal(report.Server("s1")!.GtidExecuted, report.Server("r2")!.GtidExecuted);
    }
}
