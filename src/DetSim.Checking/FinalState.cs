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
        int colon = text.LastIndexOf(':');
        return new Gtid(text[..colon], long.Parse(text[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public static string Text(Replication.Storage.Value[] row) => string.Join(",", row);
}
