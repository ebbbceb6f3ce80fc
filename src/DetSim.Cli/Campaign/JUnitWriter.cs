using System.Globalization;
using System.Xml.Linq;

namespace DetSim.Cli.Campaign;

/// <summary>
/// JUnit XML: one test case per spec; a failed expectation carries the summary and the replay command;
/// a model error is an &lt;error&gt; (DetSim's bug), not a &lt;failure&gt; (an expectation about MySQL).
/// </summary>
public static class JUnitWriter
{
    public static void Write(string path, IReadOnlyList<SpecResult> results)
    {
        var suite = new XElement("testsuite",
            new XAttribute("name", "detsim check"),
            new XAttribute("tests", results.Count),
            new XAttribute("failures", results.Count(r => !r.Met && !r.ModelError)),
            new XAttribute("errors", results.Count(r => r.ModelError)),
            new XAttribute("time", results.Sum(r => r.Seconds).ToString("F3", CultureInfo.InvariantCulture)));
        foreach (SpecResult r in results)
        {
            var tc = new XElement("testcase",
                new XAttribute("classname", "specs"),
                new XAttribute("name", $"{r.Name} (expect {r.Expect}{(r.ExpectInvariant is null ? "" : ": " + r.ExpectInvariant)})"),
                new XAttribute("time", r.Seconds.ToString("F3", CultureInfo.InvariantCulture)));
            tc.Add(new XElement("system-out", $"seeds run: {r.SeedsRun} (shard {r.Shard}); inconclusive: {r.Inconclusive}; cut short: {r.CutShort}; {r.Summary}" + (r.FirstFailingSeed is null ? "" : $"\nreplay: {r.ReplayCommand}")));
            if (r.ModelError) tc.Add(new XElement("error", new XAttribute("type", "model_error"), new XAttribute("message", $"DetSim bug at seed {r.FirstFailingSeed}: {r.Summary}"), $"{r.Summary}\nreplay: {r.ReplayCommand}"));
            else if (!r.Met) tc.Add(new XElement("failure", new XAttribute("message", r.Summary), r.FirstFailingSeed is null ? r.Summary : $"{r.Summary}\nreplay: {r.ReplayCommand}"));
            suite.Add(tc);
        }
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        new XDocument(new XElement("testsuites", suite)).Save(path);
    }
}
