namespace DetSim.Explain.Tests;

/// <summary>Where explain writes: a missing directory is created; an unusable path is refused with one line and exit 2.</summary>
public class OutputPathTests
{
    [Fact]
    public void Explain_creates_a_missing_output_directory()
    {
        string dir = Runs.TempDir("out-missing");
        string html = Path.Combine(dir, "a", "b", "09.html");
        DetsimProcess.Result r = DetsimProcess.Run("explain", "specs/09-errant-gtid-promoted-anyway.yaml", "--seed", "1", "--html", html);
        Assert.Equal(0, r.Code);
        Assert.True(File.Exists(html));
        Assert.Contains($"wrote {html}", r.Out);
        Assert.Contains("VIOLATED: gtid_safe_promotion", r.Out);
    }

    [Fact]
    public void Explain_refuses_a_path_that_is_a_directory_or_under_a_file()
    {
        string dir = Runs.TempDir("out-bad");
        DetsimProcess.Result r = DetsimProcess.Run("explain", "specs/09-errant-gtid-promoted-anyway.yaml", "--html", dir);
        Assert.Equal(2, r.Code);
        Assert.Contains($"error: --html '{dir}' is a directory; give a file name", r.Err);
        string file = Path.Combine(dir, "plain.txt");
        File.WriteAllText(file, "x");
        r = DetsimProcess.Run("explain", "specs/09-errant-gtid-promoted-anyway.yaml", "--html", Path.Combine(file, "out.html"));
        Assert.Equal(2, r.Code);
        Assert.Contains($"is a file, not a directory", r.Err);
        Assert.DoesNotContain("   at ", r.Err + r.Out);
        r = DetsimProcess.Run("check", "specs/12-row-format-converges.yaml", "--seeds", "1", "--report", dir);
        Assert.Equal(2, r.Code);
        Assert.Contains("error: --report", r.Err);
    }
}
