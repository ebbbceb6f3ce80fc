using System.Text.RegularExpressions;
using DetSim.Cli.Explanation;
using OpenQA.Selenium;

namespace DetSim.Explain.Tests;

/// <summary>The explanation page and the campaign report in a real headless chromium.</summary>
[Collection("browser")]
public class HtmlInBrowserTests
{
    private static string Page(string spec, string dir)
    {
        RunStory story = Runs.Story(spec);
        string file = Path.Combine(dir, Path.GetFileNameWithoutExtension(spec) + ".html");
        HtmlExplanation.Write(story, Narrative.Build(story), file);
        return file;
    }

    [BrowserFact]
    public void The_errant_gtid_page_draws_a_lane_per_node_the_faults_the_failover_and_the_violation()
    {
        string dir = Runs.TempDir("browser-09");
        string file = Page("09-errant-gtid-promoted-anyway.yaml", dir);
        Assert.DoesNotContain("src=\"http", File.ReadAllText(file));
        using var driver = Browser.Start();
        Browser.Open(driver, file);
        Assert.Empty(Browser.Errors(driver));
        // Nothing was fetched: the page and its library are all in the file.
        Assert.Equal(0L, Browser.Js(driver, "return performance.getEntriesByType('resource').length;"));

        string[] lanes = ["s1", "r1", "r2", "client-cafe"];
        Assert.Equal(lanes, driver.FindElements(By.CssSelector("#lanes li.lane")).Select(e => e.GetAttribute("data-node")!).ToArray());
        // The chart itself (SVG) has one lane label per node, in that order.
        var labels = driver.FindElements(By.CssSelector("#diagram svg text")).Select(e => e.Text).Where(lanes.Contains).ToArray();
        Assert.Equal(lanes, labels);
        Assert.Equal(lanes, ((IEnumerable<object>)Browser.Js(driver, "return detsimChart.getOption().yAxis[0].data;")!).Cast<string>().ToArray());

        Assert.Single(driver.FindElements(By.CssSelector("#marks li.mark.crash[data-node='s1']")));
        Assert.Single(driver.FindElements(By.CssSelector("#marks li.mark.fault[data-node='r1']")));
        Assert.Single(driver.FindElements(By.CssSelector("#marks li.mark.failover")));
        Assert.Equal(2, driver.FindElements(By.CssSelector("#marks li.mark.violation")).Count);
        Assert.NotEmpty(driver.FindElements(By.CssSelector("#narrative li.violation")));
        var series = ((IEnumerable<object>)Browser.Js(driver, "return detsimChart.getOption().series.map(s => s.name);")!).Cast<string>().ToList();
        Assert.Contains("crash", series);
        Assert.Contains("violation", series);
        Assert.Contains("binlog", series);
        Assert.Equal(1L, Browser.Js(driver, "return detsimChart.getOption().series.find(s => s.name === 'failover').markLine.data.filter(d => d.name === 'failover').length;"));

        // Hover: the crash mark's tooltip says what happened.
        Browser.Js(driver, "var o = detsimChart.getOption(); detsimChart.dispatchAction({ type: 'showTip', seriesIndex: o.series.findIndex(s => s.name === 'crash'), dataIndex: 0 });");
        Browser.Until(driver, () => ((string)Browser.Js(driver, "return document.querySelector('#diagram').innerText;")!).Contains("s1 crashed (power-loss)", StringComparison.Ordinal), "the crash tooltip never showed");

        // Clicking the failover in the list zooms the diagram to it.
        driver.FindElement(By.CssSelector("#marks li.mark.failover")).Click();
        Browser.Until(driver, () => ((IEnumerable<object>)Browser.Js(driver, "var z = detsimChart.getOption().dataZoom[0]; return [z.startValue, z.endValue];")!).Select(Convert.ToDouble).ToArray() is [var a, var b] && b - a < 3300, "the diagram never zoomed to the failover");
        var zoom = ((IEnumerable<object>)Browser.Js(driver, "var z = detsimChart.getOption().dataZoom[0]; return [z.startValue, z.endValue];")!).Select(Convert.ToDouble).ToArray();
        Assert.InRange(500.0, zoom[0], zoom[1]);
        Assert.True(zoom[1] - zoom[0] < 3300, $"zoomed window {zoom[0]}..{zoom[1]} ms is the whole run");
        Assert.Empty(Browser.Errors(driver));
    }

    [BrowserFact]
    public void The_lost_write_page_highlights_the_violating_operation()
    {
        string dir = Runs.TempDir("browser-02");
        string file = Page("02-async-failover-loses-acked-writes.yaml", dir);
        using var driver = Browser.Start();
        Browser.Open(driver, file);
        Assert.Empty(Browser.Errors(driver));
        Assert.Equal(new[] { "s1", "r1", "r2", "client-shop" }, driver.FindElements(By.CssSelector("#lanes li.lane")).Select(e => e.GetAttribute("data-node")!).ToArray());
        // Each lost write: a band on client-shop's lane from its invocation to its OK; the first one checked exactly.
        var ops = Runs.Story("02-async-failover-loses-acked-writes.yaml").ViolatingOperations.ToList();
        var op = ops[0];
        var bands = ((IEnumerable<object>)Browser.Js(driver, "return detsimChart.getOption().series.find(s => s.name === 'violating operation').data.map(d => d.value);")!).ToList();
        Assert.Equal(ops.Count, bands.Count);
        var band = bands[0];
        var value = ((IEnumerable<object>)band).Select(Convert.ToDouble).ToArray();
        Assert.Equal([3, op.Invoked.Micros / 1000.0, op.Completed!.Value.Micros / 1000.0], value);
        Assert.Single(driver.FindElements(By.CssSelector("#marks li.mark.crash[data-node='s1']")));
        Assert.NotEmpty(driver.FindElements(By.CssSelector("#marks li.mark.violation")));
        Assert.Contains($"op#{op.Id}", driver.FindElement(By.CssSelector("#narrative")).Text);
        string shot = Path.Combine(dir, "explain-02.png");
        ((ITakesScreenshot)driver).GetScreenshot().SaveAsFile(shot);
        Assert.True(new FileInfo(shot).Length > 10_000);
        // DETSIM_UPDATE_DOCS=1 refreshes the screenshot kept in docs/.
        if (Environment.GetEnvironmentVariable("DETSIM_UPDATE_DOCS") == "1") File.Copy(shot, Path.Combine(Runs.Repo, "docs", "explain-02-async-lost-write.png"), true);
    }

    [BrowserFact]
    public void The_campaign_report_links_every_failing_seed_to_an_explanation_that_opens()
    {
        string dir = Runs.TempDir("browser-report");
        string report = Path.Combine(dir, "campaign", "report.html");
        DetsimProcess.Result r = DetsimProcess.Run("check", "specs/09-errant-gtid-promoted-anyway.yaml", "specs/12-row-format-converges.yaml", "--seeds", "2", "--report", report);
        Assert.Equal(0, r.Code);
        using var driver = Browser.Start();
        driver.Navigate().GoToUrl(new Uri(report).AbsoluteUri);
        Assert.Equal(2, driver.FindElements(By.CssSelector("#specs tr.spec")).Count);
        var links = driver.FindElements(By.CssSelector("a.explain")).Select(a => a.GetAttribute("href")!).ToList();
        Assert.Single(links);
        Assert.EndsWith("report-explain/errant-gtid-promoted-anyway-seed-1.html", links[0]);
        driver.FindElement(By.CssSelector("a.explain")).Click();
        Browser.WaitRendered(driver);
        Assert.Empty(Browser.Errors(driver));
        Assert.Contains("errant-gtid-promoted-anyway, seed 1", driver.Title);
    }
}

/// <summary>The report's links, checked without a browser (so they are checked on every machine).</summary>
public class CampaignReportTests
{
    [Fact]
    public void Every_link_of_the_campaign_report_resolves_to_a_file()
    {
        string dir = Runs.TempDir("report-links");
        string report = Path.Combine(dir, "not", "yet", "there", "report.html");
        DetsimProcess.Result r = DetsimProcess.Run("check", "specs/09-errant-gtid-promoted-anyway.yaml", "specs/16-active-active-without-offsets.yaml", "specs/12-row-format-converges.yaml", "--seeds", "2", "--report", report);
        Assert.Equal(0, r.Code);
        string html = File.ReadAllText(report);
        var hrefs = Regex.Matches(html, "href=\"([^\"]+)\"").Select(m => Uri.UnescapeDataString(m.Groups[1].Value)).ToList();
        Assert.Equal(2, hrefs.Count); // 09 and 16 each have a deciding seed; 12 held
        foreach (string href in hrefs) Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(report)!, href)), $"{href} does not resolve");
        Assert.Contains("row-format-converges", html);
        Assert.Contains("<td class=\"result\">met</td>", html);
    }
}
