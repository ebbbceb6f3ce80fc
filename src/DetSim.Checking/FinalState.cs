using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;

namespace DetSim.Checking;

/// <summary>What the checkers that judge the final state need before they can decide anything.</summary>
internal static class FinalState
{
    /// <summary>The live final source, or null with the reason the final state cannot be judged.</summary>
    public static ServerSnapshot? Source(RunReport report, out string? undecided)
    {
        undecided = report.CutShort;
        if (undecided is not null) return null;
        if (report.FinalSource is null) { undecided = "no final source: the service directory names none"; return null; }
        ServerSnapshot? source = report.Server(report.FinalSource);
        if (source?.Tables is null) { undecided = $"final source {report.FinalSource} is down: its rows cannot be read"; return null; }
        return source;
    }

    public static Gtid ParseGtid(string text)
    {
        string? source = null;
        return ParseGtid(text, ref source);
    }

    /// <summary>Parses <paramref name="text"/>, reusing <paramref name="lastSource"/> when the source id is the same (perf only: a run's GTIDs share a few).</summary>
    public static Gtid ParseGtid(string text, ref string? lastSource)
    {
        int colon = text.LastIndexOf(':');
        if (lastSource is null || !text.AsSpan(0, colon).SequenceEqual(lastSource)) lastSource = text[..colon];
        return new Gtid(lastSource, long.Parse(text.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture));
    }

    public static string Text(Replication.Storage.Value[] row) => string.Join(",", row);
}
