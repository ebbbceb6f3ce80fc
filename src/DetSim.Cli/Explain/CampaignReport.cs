using System.Globalization;
using System.Net;
using System.Text;
using DetSim.Cli.Campaign;
using DetSim.Specs;

namespace DetSim.Cli.Explanation;

/// <summary>
/// `detsim check --report out.html`: the campaign as one page, every spec with its verdict, seeds
/// and first failing seed, each failing (and inconclusive or cut-short) seed linked to its own
/// explanation page, written beside the report in "out-explain/".
/// </summary>
public static class CampaignReport
{
    public static void Write(string path, IReadOnlyList<Spec> specs, IReadOnlyList<SpecResult> results, CancellationToken cancel = default)
    {
        string full = OutputPath.Prepare(path, "--report");
        string dirName = Path.GetFileNameWithoutExtension(full) + "-explain";
        string dir = Path.Combine(Path.GetDirectoryName(full)!, dirName);
        Directory.CreateDirectory(dir);
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>detsim check: campaign report</title>\n<style>\n")
          .Append("body{font:14px/1.4 system-ui,sans-serif;margin:16px;color:#222} table{border-collapse:collapse;width:100%} th,td{border:1px solid #ccc;padding:4px 6px;vertical-align:top;text-align:left}")
          .Append(" th{background:#263238;color:#fff} tr.met td.result{color:#2e7d32;font-weight:bold} tr.failed td.result,tr.model-error td.result{color:#d50000;font-weight:bold} td.summary{font-size:12px;word-break:break-word} code{font-size:12px}\n")
          .Append("</style>\n</head>\n<body>\n<h1>detsim check: campaign report</h1>\n");
        sb.Append("<p id=\"totals\">").Append(results.Count(r => r.Met)).Append(" of ").Append(results.Count).Append(" expectations met; ")
          .Append(results.Sum(r => (long)r.SeedsRun).ToString(CultureInfo.InvariantCulture)).Append(" seeds. A failing seed is the one that decided a spec: evidence for an expected violation, or the failure of an expectation.</p>\n");
        sb.Append("<table id=\"specs\">\n<tr><th>spec</th><th>expect</th><th>result</th><th>seeds</th><th>inconclusive</th><th>cut short</th><th>first failing seed</th><th>summary</th></tr>\n");
        foreach (SpecResult r in results)
        {
            Spec? spec = specs.FirstOrDefault(s => s.File == r.File && s.Name == r.Name);
            string css = r.ModelError ? "model-error" : r.Met ? "met" : "failed";
            sb.Append("<tr class=\"spec ").Append(css).Append("\" data-spec=\"").Append(E(r.Name)).Append("\"><td>").Append(E(r.Name)).Append("<br><code>").Append(E(r.File)).Append("</code></td>")
              .Append("<td>").Append(E(r.Expect + (r.ExpectInvariant is null ? "" : " " + r.ExpectInvariant))).Append("</td>")
              .Append("<td class=\"result\">").Append(E(r.Result)).Append("</td>")
              .Append("<td>").Append(r.SeedsRun).Append(" of ").Append(r.Seeds).Append("</td>")
              .Append("<td>").Append(Seed(spec, r.Inconclusive, r.FirstInconclusiveSeed, dir, dirName, "inconclusive", cancel)).Append("</td>")
              .Append("<td>").Append(Seed(spec, r.CutShort, r.FirstCutShortSeed, dir, dirName, "cut-short", cancel)).Append("</td>")
              .Append("<td>").Append(r.FirstFailingSeed is null ? "-" : Link(spec, r.FirstFailingSeed.Value, dir, dirName, "failing", cancel)).Append("</td>")
              .Append("<td class=\"summary\">").Append(E(spec is null ? r.Summary : RunSummary.Values(spec, r.Summary)));
            if (r.FirstFailingSeed is not null) sb.Append("<br><code>").Append(E(r.ReplayCommand)).Append("</code>");
            sb.Append("</td></tr>\n");
        }
        sb.Append("</table>\n</body>\n</html>\n");
        File.WriteAllText(full, sb.ToString(), new UTF8Encoding(false));
    }

    private static string Seed(Spec? spec, int count, ulong? first, string dir, string dirName, string what, CancellationToken cancel) =>
        count == 0 || first is null ? count.ToString(CultureInfo.InvariantCulture) : $"{count}, first {Link(spec, first.Value, dir, dirName, what, cancel)}";

    /// <summary>Writes the seed's explanation page and links it (the seed alone when the spec is unknown).</summary>
    private static string Link(Spec? spec, ulong seed, string dir, string dirName, string what, CancellationToken cancel)
    {
        string text = seed.ToString(CultureInfo.InvariantCulture);
        if (spec is null || cancel.IsCancellationRequested) return E(text);
        string file = $"{Safe(spec.Name)}-seed-{text}.html";
        string target = Path.Combine(dir, file);
        if (!File.Exists(target))
        {
            RunStory story = RunStory.Run(spec, seed);
            HtmlExplanation.Write(story, Narrative.Build(story), target);
        }
        return $"<a class=\"explain {what}\" href=\"{E(Uri.EscapeDataString(dirName))}/{E(Uri.EscapeDataString(file))}\">{E(text)}</a>";
    }

    private static string Safe(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
