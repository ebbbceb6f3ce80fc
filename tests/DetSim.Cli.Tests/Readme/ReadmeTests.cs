using System.Text.RegularExpressions;

namespace DetSim.Cli.Tests.Readme;

/// <summary>
/// The README's C# is this project's code: ReadmeLibraryExample.cs is compiled (and its test runs)
/// with the worked example's nodes, and the README must show it character for character.
/// </summary>
public class ReadmeTests
{
    [Fact]
    public void Every_csharp_snippet_in_the_readme_is_compiled_code_of_this_project()
    {
        string readme = File.ReadAllText(Path.Combine(Detsim.Repo, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        string compiled = File.ReadAllText(Path.Combine(Detsim.Repo, "tests", "DetSim.Cli.Tests", "Readme", "ReadmeLibraryExample.cs")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var snippets = Regex.Matches(readme, "```csharp\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(snippets);
        foreach (string snippet in snippets)
            Assert.True(compiled.Contains(snippet, StringComparison.Ordinal), $"README snippet is not compiled code (tests/DetSim.Cli.Tests/Readme/ReadmeLibraryExample.cs):\n{snippet}");
    }
}
