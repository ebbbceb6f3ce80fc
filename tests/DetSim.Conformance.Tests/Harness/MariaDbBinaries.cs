namespace DetSim.Conformance.Tests.Harness;

/// <summary>Where Debian's mariadb-server package puts its programs; null when it is not installed.</summary>
internal static class MariaDbBinaries
{
    private static readonly string[] Dirs = ["/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"];

    public static string? Server { get; } = Find("mariadbd");
    public static string? InstallDb { get; } = Find("mariadb-install-db");

    public static bool Available => Server is not null && InstallDb is not null;

    public const string SkipReason = "mariadbd is not installed (apt-get install -y mariadb-server; .ci/run does it)";

    private static string? Find(string name)
    {
        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(Dirs))
        {
            if (dir.Length == 0) continue;
            string p = Path.Combine(dir, name);
            if (File.Exists(p)) return p;
        }
        return null;
    }
}

/// <summary>A fact that runs only where mariadbd is installed, skipped with the reason otherwise.</summary>
public sealed class MariaDbFactAttribute : FactAttribute
{
    public MariaDbFactAttribute()
    {
        if (!MariaDbBinaries.Available) Skip = MariaDbBinaries.SkipReason;
    }
}
