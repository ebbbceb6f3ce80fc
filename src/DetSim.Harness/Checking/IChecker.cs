namespace DetSim.Harness.Checking;

/// <summary>
/// A property every run of a model must have, decided from what the run left behind (the client
/// history and the final snapshot in <typeparamref name="TRun"/>), never from what the tool under
/// test says about itself. A model names its run type; the harness needs nothing else.
/// </summary>
public interface IChecker<in TRun>
{
    /// <summary>The spec name: no_lost_acked_write, converged, ...</summary>
    string Name { get; }

    /// <summary>One line: what it promises.</summary>
    string Promise { get; }

    /// <summary>Held, violated (with the violations) or inconclusive (with the reason).</summary>
    CheckResult Check(TRun run);
}
