using System.Globalization;
using DetSim.Core.Tracing;

namespace DetSim.Cli.Explanation;

/// <summary>One trace record read back from the run's trace text (<see cref="TraceRecord.Text"/>).</summary>
public sealed record TraceLine(long Step, long Micros, TraceKind Kind, string Node, string Peer, string Detail)
{
    /// <summary>First word of the detail: the message type ("binlog", "ack", "request#…"), a drop reason, a fault's verb.</summary>
    public string Verb => Detail.Length == 0 ? "" : Detail.Split(' ', 2)[0];
}

/// <summary>
/// Reads the trace text back into records. A report keeps the trace as text (the form golden files
/// use), "{step,7} {time,16} {kind,-8} {node}[ <- {peer}][ {detail}]", so this is its inverse.
/// </summary>
public static class TraceLines
{
    public static IReadOnlyList<TraceLine> Parse(string? text)
    {
        var lines = new List<TraceLine>();
        if (string.IsNullOrEmpty(text)) return lines;
        foreach (string raw in text.Split('\n'))
            if (ParseLine(raw) is { } line) lines.Add(line);
        return lines;
    }

    public static TraceLine? ParseLine(string raw)
    {
        // step (7) + ' ' + time (16) + ' ' = 25 characters before the kind.
        if (raw.Length < 26) return null;
        if (!long.TryParse(raw.AsSpan(0, 7).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long step)) return null;
        string time = raw.Substring(8, 16).Trim();
        if (!time.EndsWith('s') || !long.TryParse(time[..^1].Replace(".", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long micros)) return null;
        string afterTime = raw[25..];
        int kindEnd = afterTime.IndexOf(' ');
        string kindText = kindEnd < 0 ? afterTime : afterTime[..kindEnd];
        if (!Enum.TryParse(kindText, ignoreCase: true, out TraceKind kind)) return null;
        int whoStart = Math.Max(8, kindText.Length) + 1;
        string rest = whoStart >= afterTime.Length ? "" : afterTime[whoStart..];
        string node = "", peer = "", detail;
        if (rest.StartsWith(' ')) detail = rest[1..];
        else
        {
            string[] parts = rest.Split(' ');
            node = parts[0];
            int next = 1;
            if (parts.Length >= 3 && parts[1] == "<-")
            {
                peer = parts[2];
                next = 3;
            }
            detail = string.Join(' ', parts.Skip(next));
        }
        return new TraceLine(step, micros, kind, node, peer, detail);
    }
}
