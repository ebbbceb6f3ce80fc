namespace DetSim.Specs;

/// <summary>A problem in a spec file, with where it is and what is allowed.</summary>
public sealed record SpecError(string File, int Line, int Column, string Path, string Message)
{
    public override string ToString() =>
        Path.Length == 0 ? $"{File}:{Line}:{Column}: error: {Message}" : $"{File}:{Line}:{Column}: error: {Path}: {Message}";
}
