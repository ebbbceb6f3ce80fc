using System.Runtime.InteropServices;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class VersionCommand : Command
{
    public const string Version = "0.1.0";

    public override int Execute(CommandContext context, CancellationToken cancel)
    {
        Console.WriteLine($"detsim {Version}");
        Console.WriteLine($".NET {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} cores");
        return ExitCodes.Ok;
    }
}
