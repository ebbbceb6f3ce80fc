using DetSim.Specs;

namespace DetSim.Cli;

internal static class Seeds
{
    public static ulong Parse(string? text, string option = "--seed") =>
        text is not null && Scalars.TrySeed(text, out ulong seed)
            ? seed
            : throw new BadInputException($"{option} '{text}' is not a 64-bit unsigned number (decimal or 0x-hex)");
}
