using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace DetSim.Cli.Campaign;

/// <summary>
/// JUnit XML in the shape Jenkins' JUnit/xUnit plugins accept (junit-10.xsd; tests/DetSim.Cli.Tests/Schemas
/// validates it), UTF-8 without a byte-order mark. One test case per spec: a failed expectation is a
/// &lt;failure&gt; with the summary and the replay command; a model error (DetSim's bug), a spec that
/// does not load and a spec Ctrl-C interrupted are &lt;error&gt;s; a spec that never started is &lt;skipped&gt;.
/// </summary>
public static class JUnitWriter
{
    public static void Write(string path, IReadOnlyList<SpecResult> results)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "detsim check"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => Kind(r) == "failure")),
            new XAttribute("errors", results.Count(r => Kind(r) == "error")),
            new XAttribute("skipped", results.Count(r => Kind(r) == "skipped")),
            new XAttribute("time", Seconds(results.Sum(r => r.Seconds))));
        foreach (SpecResult r in results)
        {
            var tc = new XElement("testcase",
                new XAttribute("classname", "specs"),
                new XAttribute("name", r.BadSpec is not null ? r.File : $"{r.Name} (expect {r.Expect}{(r.ExpectInvariant is null ? "" : ": " + r.ExpectInvariant)})"),
                new XAttribute("time", Seconds(r.Seconds)));
            if (r.BadSpec is not null) tc.Add(new XElement("error", new XAttribute("type", "bad_spec"), new XAttribute("message", $"{r.File} does not load (exit code 2)"), r.BadSpec));
            else if (r.NotRun) tc.Add(new XElement("skipped", new XAttribute("message", "not run: the check was interrupted before this spec started")));
            else
            {
                tc.Add(new XElement("system-out", $"seeds run: {r.SeedsRun} (shard {r.Shard}); inconclusive: {r.Inconclusive}; cut short: {r.CutShort}; {r.Summary}" + (r.FirstFailingSeed is null ? "" : $"\nreplay: {r.ReplayCommand}")));
                if (r.ModelError) tc.Add(new XElement("error", new XAttribute("type", "model_error"), new XAttribute("message", $"DetSim bug at seed {r.FirstFailingSeed}: {r.Summary}"), $"{r.Summary}\nreplay: {r.ReplayCommand}"));
                else if (r.Interrupted) tc.Add(new XElement("error", new XAttribute("type", "interrupted"), new XAttribute("message", r.Summary), r.Summary));
                else if (!r.Met) tc.Add(new XElement("failure", new XAttribute("message", r.Summary), r.FirstFailingSeed is null ? r.Summary : $"{r.Summary}\nreplay: {r.ReplayCommand}"));
            }
            suite.Add(tc);
        }
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        // No byte-order mark: several CI parsers reject a file that starts with one.
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), Indent = true };
        using XmlWriter w = XmlWriter.Create(path, settings);
        new XDocument(new XElement("testsuites", suite)).Save(w);
    }

    private static string Kind(SpecResult r) =>
        r.NotRun && r.BadSpec is null ? "skipped" : r.BadSpec is not null || r.ModelError || r.Interrupted ? "error" : r.Met ? "ok" : "failure";

    private static string Seconds(double s) => s.ToString("F3", CultureInfo.InvariantCulture);
}
