using DetSim.Specs;

namespace DetSim.Specs.Tests;

/// <summary>Every malformed spec in Corpus/bad gives exactly the errors in its sibling .errors.txt (file:line:col: error: path: message).</summary>
public class CorpusTests
{
    public static TheoryData<string> BadSpecs()
    {
        var data = new TheoryData<string>();
        foreach (string f in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Corpus", "bad"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void A_malformed_spec_gives_the_expected_errors(string name)
    {
        string dir = Path.Combine(AppContext.BaseDirectory, "Corpus", "bad");
        string text = File.ReadAllText(Path.Combine(dir, name));
        SpecParseResult r = SpecLoader.Parse(text, name);
        Assert.False(r.Ok);
        string expected = File.ReadAllText(Path.Combine(dir, Path.ChangeExtension(name, ".errors.txt"))).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        Assert.Equal(expected, string.Join("\n", r.Errors));
    }

    [Fact]
    public void Every_bundled_spec_parses()
    {
        string specs = Path.Combine(RepoRoot(), "specs");
        foreach (string f in Directory.GetFiles(specs, "*.yaml"))
        {
            SpecParseResult r = SpecLoader.Load(f);
            Assert.True(r.Ok, string.Join("\n", r.Errors));
        }
    }

    internal static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DetSim.sln"))) dir = Path.GetDirectoryName(dir);
        return dir!;
    }
}
