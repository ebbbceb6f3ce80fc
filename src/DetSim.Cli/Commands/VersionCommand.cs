using System.Reflection;
using System.Runtime.InteropServices;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class VersionCommand : Command
{
    /// <summary>The package version (Directory.Build.props: one version for the tool and the libraries), with the commit when built from git.</summary>
    public static string Version { get; } =
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public override int Execute(CommandContext context, CancellationToken cancel)
    {
        Console.WriteLine($"detsim {Version}");
        Console.WriteLine($".NET {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores");
        return ExitCodes.Ok;
    }
}
