using System.Globalization;

namespace DetSim.Cli.Explanation;

/// <summary>One replica's lag over a run: (simulated ms, binlog bytes behind) points.</summary>
public sealed record LagSeries(string Replica, IReadOnlyList<(double Ms, double Bytes)> Points);

/// <summary>
/// Replica lag read from the trace, in binlog bytes: how far the position a replica last received
/// (binlog event or heartbeat) trails the furthest position its source had shipped to anyone by then.
/// The trace does not hold the source's own binlog end, so this is a lower bound: when no replica
/// hears from the source (it is down or cut off) the lag stops growing rather than guessing.
/// </summary>
public static class ReplicaLag
{
    public static IReadOnlyList<LagSeries> Of(RunStory story)
    {
        var shipped = new Dictionary<string, (string File, long Pos)>(StringComparer.Ordinal);
        var received = new Dictionary<string, (string Source, string File, long Pos)>(StringComparer.Ordinal);
        var points = new SortedDictionary<string, List<(double, double)>>(StringComparer.Ordinal);
        foreach (Message m in story.Messages)
        {
            if (m.Dropped || m.Type is not ("binlog" or "heartbeat") || Position(m.Text) is not { } p) continue;
            if (!shipped.TryGetValue(m.From, out var end) || Later(p, end)) shipped[m.From] = p;
            received[m.To] = (m.From, p.File, p.Pos);
            foreach (var (replica, r) in received)
            {
                if (r.Source != m.From || !shipped.TryGetValue(r.Source, out var s) || s.File != r.File) continue;
                if (!points.TryGetValue(replica, out var list)) points[replica] = list = new();
                list.Add((m.AtMicros / 1000.0, Math.Max(0, s.Pos - r.Pos)));
            }
        }
        return points.Select(kv => new LagSeries(kv.Key, kv.Value)).ToArray();
    }

    private static bool Later((string File, long Pos) a, (string File, long Pos) b) =>
        string.CompareOrdinal(a.File, b.File) is var c && (c > 0 || (c == 0 && a.Pos > b.Pos));

    /// <summary>The "binlog.000001:438" a binlog or heartbeat message ends with.</summary>
    private static (string File, long Pos)? Position(string text)
    {
        string last = Narrative.Position(text);
        int colon = last.LastIndexOf(':');
        if (colon <= 0 || !long.TryParse(last.AsSpan(colon + 1), NumberStyles.Integer, CultureInfo.InvariantCulture, out long pos)) return null;
        return (last[..colon], pos);
    }
}
