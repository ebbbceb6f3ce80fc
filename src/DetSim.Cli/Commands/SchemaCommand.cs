using DetSim.Specs.Schema;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class SchemaCommand : Command
{
    public override int Execute(CommandContext context, CancellationToken cancel)
    {
        Console.Write(JsonSchemaWriter.Generate());
        return ExitCodes.Ok;
    }
}
