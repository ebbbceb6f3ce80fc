using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace DetSim.Explain.Tests;

/// <summary>
/// Debian's chromium driven by chromium-driver (both from apt; .ci/run installs them). Nothing is
/// downloaded: the driver and browser paths are given, so Selenium Manager never runs.
/// </summary>
internal static class Browser
{
    public static string? Chromium { get; } = Find("chromium") ?? Find("chromium-browser") ?? Find("google-chrome");
    public static string? Driver { get; } = Find("chromedriver");

    public static bool Available => Chromium is not null && Driver is not null;

    public const string Missing = "chromium and chromium-driver are not installed (apt-get install -y chromium chromium-driver; CI's .ci/run installs them): browser test skipped";

    public static ChromeDriver Start()
    {
        ChromeDriverService service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver)!);
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Chromium };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1600,1000", "--allow-file-access-from-files");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        // The command timeout is a hang guard far above any page load here (under a second).
        return new ChromeDriver(service, options, TimeSpan.FromMinutes(10));
    }

    /// <summary>Opens a local page and waits until its script says the diagram is drawn.</summary>
    public static void Open(IWebDriver driver, string file)
    {
        driver.Navigate().GoToUrl(new Uri(Path.GetFullPath(file)).AbsoluteUri);
        WaitRendered(driver);
    }

    public static void WaitRendered(IWebDriver driver) =>
        Until(driver, () => driver.FindElements(By.CssSelector("body[data-rendered='true']")).Count > 0, "the page never finished drawing");

    /// <summary>Polls until <paramref name="done"/>; the ten-minute deadline is a hang guard only, far above any page here.</summary>
    public static void Until(IWebDriver driver, Func<bool> done, string what)
    {
        var guard = System.Diagnostics.Stopwatch.StartNew();
        while (guard.Elapsed < TimeSpan.FromMinutes(10))
        {
            if (done()) return;
            Thread.Sleep(100);
        }
        throw new InvalidOperationException($"{what}; errors: {string.Join("; ", Errors(driver))}");
    }

    /// <summary>Script errors the page caught, and SEVERE messages of the browser console.</summary>
    public static IReadOnlyList<string> Errors(IWebDriver driver)
    {
        var errors = new List<string>();
        if (((IJavaScriptExecutor)driver).ExecuteScript("return window.detsimErrors || [];") is IEnumerable<object> caught)
            errors.AddRange(caught.Select(e => "page: " + e));
        errors.AddRange(driver.Manage().Logs.GetLog(LogType.Browser).Where(l => l.Level == LogLevel.Severe).Select(l => "console: " + l.Message));
        return errors;
    }

    public static object? Js(IWebDriver driver, string script) => ((IJavaScriptExecutor)driver).ExecuteScript(script);

    private static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}

/// <summary>A fact that runs in the headless browser, and is skipped with the reason when there is none.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Browser.Available) Skip = Browser.Missing;
    }
}
