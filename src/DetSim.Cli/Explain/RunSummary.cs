using DetSim.Core.Faults;
using DetSim.Specs;

namespace DetSim.Cli.Explanation;

/// <summary>
/// The faults and the failover of one seed for the `run` and `replay` summaries, one line each,
/// in time order. With the trace captured (`SpecJudge.RunSeed(spec, seed, captureTrace: true)`)
/// they are what struck, nemesis included; without it, the spec's planned faults.
/// </summary>
public static class RunSummary
{
    private static readonly MarkKind[] Shown =
        [MarkKind.Crash, MarkKind.Restart, MarkKind.Pause, MarkKind.Resume, MarkKind.Partition, MarkKind.Heal, MarkKind.ClockJump, MarkKind.Fault]; // the failover records follow

    public static IReadOnlyList<string> FaultLines(Spec spec, SeedOutcome outcome)
    {
        if (outcome.Report is not { } report) return [];
        if (report.TraceText is null)
            return spec.Scenario.Faults.Faults.Select(f => $"fault (planned) at {MySqlText.Ms(f.At)}: {f.Fault.Describe()}").ToArray();
        RunStory story = RunStory.Of(spec, outcome);
        var lines = new List<string>();
        var errors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Mark m in story.Marks)
        {
            if (Shown.Contains(m.Kind)) lines.Add($"{HtmlExplanation.KindName(m.Kind)} at {MySqlText.Ms(m.Micros)}: {m.Text}");
            // A replication error repeats on every retry: once per server and error.
            else if (m.Kind == MarkKind.Error && errors.Add(m.Node + new string(m.Text.Where(c => !char.IsDigit(c)).ToArray())))
                lines.Add($"error at {MySqlText.Ms(m.Micros)}: {m.Text}");
        }
        if (lines.Count == 0) lines.Add("no fault struck");
        return lines;
    }

    /// <summary>A violation, a campaign summary (or any checker text) with its row values as MySQL prints them, never cut: the part that explains it (the GTID sets, the error) comes last.</summary>
    public static string Values(Spec spec, string text) => MySqlText.Values(text, MySqlText.Schemas(spec.Scenario));

}
