using System.ComponentModel;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

/// <summary>The arguments of a command that runs one seed of one spec (`run`, `explain`).</summary>
public class SpecSeedSettings : CommandSettings
{
    [CommandArgument(0, "<spec>")]
    [Description("The spec file.")]
    public string Spec { get; init; } = "";

    [CommandOption("--seed <S>")]
    [Description("The seed (decimal or 0x-hex; default: the spec's seed_start).")]
    public string? Seed { get; init; }
}
