using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using DetSim.Replication.Scenarios;

namespace DetSim.Cli.Explanation;

/// <summary>
/// One self-contained HTML page for a run: the narrative beside a space-time diagram (a lane per
/// server and client, messages as arrows, commits, ACKs, crashes, partitions, pauses, clock jumps,
/// the failover, the violating operation), drawn by the bundled Apache ECharts; no network.
/// </summary>
public static class HtmlExplanation
{
    /// <summary>Runs with more messages than this draw on a canvas (faster); smaller ones as SVG.</summary>
    private const int SvgMessageLimit = 6000;

    private static readonly MarkKind[] Listed =
        [MarkKind.Crash, MarkKind.Restart, MarkKind.Pause, MarkKind.Resume, MarkKind.Partition, MarkKind.Heal, MarkKind.ClockJump, MarkKind.Fault, MarkKind.Failover, MarkKind.Violation, MarkKind.Error];

    public static void Write(RunStory story, IReadOnlyList<NarrativeLine> narrative, string path) =>
        File.WriteAllText(path, Render(story, narrative), new UTF8Encoding(false));

    public static string Render(RunStory story, IReadOnlyList<NarrativeLine> narrative)
    {
        string title = $"{story.Spec.Name}, seed {story.Outcome.Seed}";
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        // Errors on the page are kept where a person (or a test) can read them.
        sb.Append("<script>window.detsimErrors = []; window.addEventListener('error', function (e) { window.detsimErrors.push(String(e.message)); });</script>\n");
        sb.Append("<title>detsim explain: ").Append(E(title)).Append("</title>\n");
        sb.Append("<style>\n").Append(Asset("explain.css")).Append("</style>\n</head>\n<body>\n");
        sb.Append("<header><h1>").Append(E(title)).Append("</h1>");
        foreach (NarrativeLine l in narrative.Where(l => l.Section == "verdict"))
            sb.Append("<p class=\"verdict ").Append(l.Kind).Append("\">").Append(E(l.Text)).Append("</p>");
        sb.Append("</header>\n<main>\n<aside id=\"narrative\">\n");
        Narrative(sb, narrative);
        sb.Append("</aside>\n<section id=\"diagram-wrap\">\n");
        sb.Append("<p id=\"help\">Scroll to zoom, drag to pan (or use the slider); hover an arrow or a mark for details; click a line of the narrative or a mark below to jump to it. The legend hides and shows kinds.</p>\n");
        sb.Append("<ol id=\"lanes\">");
        foreach (Lane lane in story.Lanes)
            sb.Append("<li class=\"lane ").Append(lane.IsServer ? "server" : "client").Append("\" data-node=\"").Append(E(lane.Name)).Append("\">").Append(E(lane.Name)).Append("</li>");
        sb.Append("</ol>\n<div id=\"diagram\"></div>\n<ol id=\"marks\">\n");
        foreach (Mark m in story.Marks.Where(m => Listed.Contains(m.Kind)))
            sb.Append("<li class=\"mark ").Append(KindName(m.Kind)).Append("\" data-node=\"").Append(E(m.Node ?? "")).Append("\" data-at=\"").Append(m.Micros)
              .Append("\">").Append(E($"{MySqlText.Ms(m.Micros)} {KindName(m.Kind)}{(m.Node is null ? "" : " " + m.Node)}: {m.Text}")).Append("</li>\n");
        sb.Append("</ol>\n</section>\n</main>\n");
        sb.Append("<footer>Drawn by detsim explain with Apache ECharts 6.1.0 (Apache-2.0), bundled. Send times are the sender's last step before the delivery: the trace records deliveries.</footer>\n");
        sb.Append("<script>\n").Append(Asset("echarts.min.js")).Append("\n</script>\n");
        sb.Append("<script>\nwindow.DETSIM = ").Append(Data(story, title)).Append(";\n</script>\n");
        sb.Append("<script>\n").Append(Asset("explain.js")).Append("\n</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Narrative(StringBuilder sb, IReadOnlyList<NarrativeLine> narrative)
    {
        string? section = null;
        foreach (NarrativeLine l in narrative.Where(l => l.Section is not ("title" or "verdict")))
        {
            if (l.Section != section)
            {
                if (section is not null) sb.Append("</ol>\n");
                section = l.Section;
                sb.Append("<h2>").Append(E(l.Section == "replay" ? "Replay" : Explanation.Narrative.Heading(l.Section).TrimEnd(':'))).Append("</h2>\n<ol class=\"").Append(l.Section).Append("\">\n");
            }
            sb.Append("<li");
            if (l.Kind.Length > 0) sb.Append(" class=\"").Append(l.Kind).Append('"');
            if (l.AtMicros is { } at) sb.Append(" data-at=\"").Append(at).Append('"');
            sb.Append('>').Append(E(l.Text)).Append("</li>\n");
        }
        if (section is not null) sb.Append("</ol>\n");
    }

    private static string Data(RunStory story, string title)
    {
        long end = Math.Max(story.EndMicros, 1);
        var data = new
        {
            title,
            end,
            renderer = story.Messages.Count > SvgMessageLimit ? "canvas" : "svg",
            zoom = Zoom(story, end),
            lanes = story.Lanes.Select(l => new { name = l.Name, server = l.IsServer }),
            messages = story.Messages.Select(m => new { step = m.Step, from = m.From, to = m.To, sent = m.SentMicros, at = m.AtMicros, type = m.Type, text = m.Text, dropped = m.Dropped }),
            marks = story.Marks.Select(m => new { kind = KindName(m.Kind), node = m.Node, at = m.Micros, text = m.Text }),
            spans = story.Spans.Select(s => new { kind = KindName(s.Kind), node = s.Node, from = s.FromMicros, to = s.ToMicros, text = s.Text }),
            violatingOps = story.ViolatingOperations.Select(o => new
            {
                lane = "client-" + o.Client,
                from = o.Invoked.Micros,
                to = (o.Completed ?? story.Report!.Result.EndTime).Micros,
                text = o.ToString(),
            }),
        };
        return JsonSerializer.Serialize(data);
    }

    /// <summary>
    /// The first view: the violating operations up to the first crash after them when there are
    /// some (the moment that explains a lost write or a phantom read), else from a little before the
    /// first fault to a little after the last violation; the whole run when nothing happened.
    /// </summary>
    private static long[] Zoom(RunStory story, long end)
    {
        if (story.ViolatingOperations.Count > 0)
        {
            long from = story.ViolatingOperations.Min(o => o.Invoked.Micros);
            long to = story.ViolatingOperations.Max(o => (o.Completed ?? o.Invoked).Micros);
            if (story.Marks.FirstOrDefault(m => m.Kind == MarkKind.Crash && m.Micros >= to) is { } crash) to = crash.Micros;
            long margin = Math.Max((to - from) / 2, 2_000);
            return [Math.Max(0, from - margin), Math.Min(end, to + margin)];
        }
        var times = story.Marks.Where(m => m.Kind is MarkKind.Crash or MarkKind.Failover or MarkKind.Violation or MarkKind.Partition or MarkKind.Pause or MarkKind.ClockJump or MarkKind.Fault)
            .Select(m => m.Micros).Concat(story.ViolatingOperations.Select(o => o.Invoked.Micros)).ToList();
        if (times.Count == 0) return [0, end];
        long pad = Math.Max(end / 20, 20_000);
        return [Math.Max(0, times.Min() - pad), Math.Min(end, times.Max() + pad)];
    }

    internal static string KindName(MarkKind kind) => kind.ToString().ToLowerInvariant();

    private static string E(string s) => WebUtility.HtmlEncode(s);

    internal static string Asset(string name)
    {
        using Stream? s = Assembly.GetExecutingAssembly().GetManifestResourceStream("DetSim.Cli.Explanation." + name);
        if (s is null) throw new InvalidOperationException($"the bundled asset {name} is missing from detsim");
        using var reader = new StreamReader(s, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
