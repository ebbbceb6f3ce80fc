namespace DetSim.Benchmarks;

internal static class RepositoryRoot
{
    /// <summary>The directory holding DetSim.sln, above the working directory or this program.</summary>
    public static string Find()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (DirectoryInfo? d = new(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "DetSim.sln"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }
}
