using DetSim.Harness.Checking;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking.Invariants;

/// <summary>The harness's database-neutral <see cref="Availability{TRun}"/> over a MySQL run.</summary>
public sealed class Availability(double threshold = 0.99) : IInvariant
{
    private readonly Availability<RunReport> _check = new(threshold);

    public double Threshold => _check.Threshold;
    public string Name => _check.Name;
    public string Promise => _check.Promise;

    public CheckResult Check(RunReport report) => _check.Check(report);
}
