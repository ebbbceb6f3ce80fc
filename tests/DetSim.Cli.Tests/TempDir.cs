namespace DetSim.Cli.Tests;

/// <summary>A fresh directory of its own under the system temp directory, deleted afterwards: two runs on one machine never share a path.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("detsim-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { } // a file still open on a slow machine: the OS temp cleaner takes it
    }
}
