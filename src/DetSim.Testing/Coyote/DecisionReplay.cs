using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Testing.Coyote;

/// <summary>Replays a <see cref="DecisionFile"/> without Coyote and says whether it reproduced the recorded run.</summary>
public static class DecisionReplay
{
    /// <summary>
    /// Runs <paramref name="run"/> with the file's data seed and decisions. Divergence (a decision
    /// the run does not reach the same way, or a different failure or trace hash at the end) is
    /// returned as <see cref="ReplayOutcome.Divergence"/>, naming the first divergent decision and step.
    /// </summary>
    public static ReplayOutcome Run(Func<IChoiceSource, RunVerdict> run, DecisionFile file)
    {
        if (file.Mode == "seed")
        {
            RunVerdict seeded = run(new SimRandom(file.DataSeed));
            return new ReplayOutcome(seeded, Compare(file, seeded), 0);
        }
        var picker = new ReplayingPicker(file.ParsedDecisions(), Duration.FromMicros(file.WindowMicros));
        RunVerdict v;
        try
        {
            v = run(new PickingChoiceSource(file.DataSeed, picker));
        }
        catch (DecisionDivergedException e)
        {
            return new ReplayOutcome(new RunVerdict(null, null), e.Message, picker.Replayed);
        }
        if (picker.Divergence is { } d) return new ReplayOutcome(v, d.Message, picker.Replayed); // the harness caught it
        try
        {
            picker.AssertFinished(-1);
        }
        catch (DecisionDivergedException e)
        {
            return new ReplayOutcome(v, e.Message, picker.Replayed);
        }
        return new ReplayOutcome(v, Compare(file, v), picker.Replayed);
    }

    private static string? Compare(DecisionFile file, RunVerdict v)
    {
        if (file.TraceHash is not null && v.TraceHash is not null && file.TraceHash != v.TraceHash)
            return $"replay diverged: every decision matched but the trace hash is {v.TraceHash}, recorded {file.TraceHash}";
        if (file.Failure != v.Failure)
            return $"replay diverged: recorded failure '{file.Failure ?? "none"}', the replay gave '{v.Failure ?? "none"}'";
        return null;
    }
}

/// <summary>A replay's result: the run's verdict, the divergence (null when it reproduced exactly) and how many decisions it replayed.</summary>
public sealed record ReplayOutcome(RunVerdict Verdict, string? Divergence, int DecisionsReplayed);
