using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;

namespace DetSim.Cli.Tests.Readme;

/// <summary>
/// The README's install steps, as a user runs them: pack to a local feed, `dotnet tool install` the
/// tool and run it, `dotnet add package DetSim.Testing` to a new test project that holds the README's
/// example, and build it. Packages restore into a private folder (the machine's package cache is a
/// read-only source), so a stale cached DetSim package can never stand in for the one just packed.
/// </summary>
[Trait("Category", "Slow")]
public class PackageTests
{
    private static (int Code, string Output) Dotnet(string directory, Dictionary<string, string> env, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet", args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = directory };
        foreach ((string k, string v) in env) psi.Environment[k] = v;
        using Process p = Process.Start(psi)!;
        Task<string> o = p.StandardOutput.ReadToEndAsync(), e = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, $"dotnet {string.Join(' ', args)}\n{o.Result}{e.Result}");
    }

    [Fact]
    public void The_packages_install_as_the_readme_says_and_carry_their_metadata()
    {
        using var dir = new TempDir();
        string feed = dir.File("feed"), user = dir.File("user"), tools = dir.File("tools");
        Directory.CreateDirectory(user);
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        var env = new Dictionary<string, string> { ["NUGET_PACKAGES"] = dir.File("packages"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };

        var pack = Dotnet(Detsim.Repo, env, "pack", "DetSim.sln", "-c", configuration, "--no-build", "-o", feed);
        Assert.True(pack.Code == 0, pack.Output);

        // One version for the tool and the libraries, with real metadata, the README and symbols.
        foreach (string id in new[] { "DetSim.Core", "DetSim.Replication", "DetSim.Checking", "DetSim.Specs", "DetSim.Testing", "DetSim.Cli" })
        {
            Assert.True(File.Exists(Path.Combine(feed, $"{id}.0.1.0.snupkg")), $"{id}: no symbols package");
            using ZipArchive zip = ZipFile.OpenRead(Path.Combine(feed, $"{id}.0.1.0.nupkg"));
            Assert.NotNull(zip.GetEntry("README.md"));
            XElement meta = XDocument.Load(zip.GetEntry($"{id}.nuspec")!.Open()).Root!.Elements().First();
            string Meta(string name) => meta.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Assert.Equal("0.1.0", Meta("version"));
            Assert.True(Meta("description").Length > 40, $"{id}: description '{Meta("description")}'");
            Assert.NotEqual("", Meta("license"));
            Assert.Equal("README.md", Meta("readme"));
            Assert.Contains(meta.Elements(), e => e.Name.LocalName == "repository");
        }

        // nuget.config: the new feed, and the machine's package cache for the dependencies (offline).
        File.WriteAllText(Path.Combine(user, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="cache" value="{cache}" />
              </packageSources>
            </configuration>
            """);
        var source = Dotnet(user, env, "nuget", "add", "source", feed, "--name", "detsim-local", "--configfile", "nuget.config");
        Assert.True(source.Code == 0, source.Output);

        var tool = Dotnet(user, env, "tool", "install", "--tool-path", tools, "DetSim.Cli", "--version", "0.1.0");
        Assert.True(tool.Code == 0, tool.Output);
        var version = Dotnet(user, env, Path.Combine(tools, ".store", "detsim.cli", "0.1.0", "detsim.cli", "0.1.0", "tools", "net10.0", "any", "detsim.dll"), "version");
        Assert.True(version.Code == 0, version.Output);
        Assert.Contains("detsim 0.1.0", version.Output);

        string PackageVersion(string id) => XDocument.Load(Path.Combine(Detsim.Repo, "Directory.Packages.props")).Descendants("PackageVersion").First(p => (string?)p.Attribute("Include") == id).Attribute("Version")!.Value;
        File.WriteAllText(Path.Combine(user, "User.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <IsPackable>false</IsPackable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{PackageVersion("Microsoft.NET.Test.Sdk")}" />
                <PackageReference Include="xunit" Version="{PackageVersion("xunit")}" />
              </ItemGroup>
            </Project>
            """);
        File.Copy(Path.Combine(Detsim.Repo, "tests", "DetSim.Cli.Tests", "Readme", "ReadmeLibraryExample.cs"), Path.Combine(user, "PrimaryBackupSweep.cs"));
        File.Copy(Path.Combine(Detsim.Repo, "tests", "DetSim.Testing.Tests", "Examples", "PrimaryBackupStore.cs"), Path.Combine(user, "PrimaryBackupStore.cs"));
        var add = Dotnet(user, env, "add", "package", "DetSim.Testing", "--version", "0.1.0");
        Assert.True(add.Code == 0, add.Output);
        var build = Dotnet(user, env, "build");
        Assert.True(build.Code == 0, build.Output);
    }
}
