namespace DetSim.Cli.Explanation;

/// <summary>Output files: a missing directory is created; a path that cannot be written is refused with one clear line.</summary>
public static class OutputPath
{
    /// <summary>The full path, its directory created; a <see cref="BadInputException"/> (exit 2) when it cannot be.</summary>
    public static string Prepare(string path, string option)
    {
        string full;
        try
        {
            full = Path.GetFullPath(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new BadInputException($"{option} '{path}' is not a usable file path: {e.Message}");
        }
        if (Directory.Exists(full)) throw new BadInputException($"{option} '{path}' is a directory; give a file name");
        string? dir = Path.GetDirectoryName(full);
        if (dir is null) return full;
        if (File.Exists(dir)) throw new BadInputException($"{option} '{path}': '{dir}' is a file, not a directory");
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BadInputException($"{option} '{path}': cannot create directory '{dir}': {e.Message}");
        }
        return full;
    }
}
