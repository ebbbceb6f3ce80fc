namespace DetSim.Harness.Checking;

/// <summary>Runs a set of checkers over one run, in the order given.</summary>
public static class Checkers
{
    public static IReadOnlyList<CheckResult> CheckAll<TRun>(TRun run, IEnumerable<IChecker<TRun>> checkers) =>
        checkers.Select(c => c.Check(run)).ToList();

    /// <summary>The first violation among <paramref name="results"/>, or null when none was violated.</summary>
    public static Violation? FirstViolation(IEnumerable<CheckResult> results) =>
        results.Where(r => r.IsViolated).SelectMany(r => r.Violations).OrderBy(v => v.At).FirstOrDefault();
}
