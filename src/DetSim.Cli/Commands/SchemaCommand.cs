using System.ComponentModel;
using DetSim.Specs.Schema;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class SchemaCommand : Command<SchemaCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--markdown")]
        [Description("Print the reference page (docs/spec-reference.md) instead of the JSON Schema.")]
        public bool Markdown { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancel)
    {
        Console.Write(settings.Markdown ? MarkdownWriter.Generate() : JsonSchemaWriter.Generate());
        return ExitCodes.Ok;
    }
}
