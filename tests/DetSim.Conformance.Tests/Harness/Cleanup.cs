namespace DetSim.Conformance.Tests.Harness;

/// <summary>
/// Everything the harness starts, so it can be cleaned up on dispose, on a failure and on Ctrl-C or
/// process exit: the pids it started (killed by pid, never by name) and the temp directories it made.
/// </summary>
internal static class Cleanup
{
    private static readonly object Gate = new();
    private static readonly HashSet<System.Diagnostics.Process> Processes = new();
    private static readonly HashSet<string> Dirs = new(StringComparer.Ordinal);

    static Cleanup()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => All();
        Console.CancelKeyPress += (_, _) => All();
    }

    public static void Track(System.Diagnostics.Process p) { lock (Gate) Processes.Add(p); }
    public static void Untrack(System.Diagnostics.Process p) { lock (Gate) Processes.Remove(p); }
    public static void Track(string dir) { lock (Gate) Dirs.Add(dir); }
    public static void Forget(string dir) { lock (Gate) Dirs.Remove(dir); }

    /// <summary>kill -9 of a process this harness started (by its pid; nothing else is touched).</summary>
    public static void Kill(System.Diagnostics.Process p)
    {
        try
        {
            if (!p.HasExited) p.Kill(entireProcessTree: false);
            p.WaitForExit(); // SIGKILL cannot be ignored: this only waits for the kernel to reap it
        }
        catch (InvalidOperationException) { } // it had already exited
        Untrack(p);
    }

    public static void Delete(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        lock (Gate) Dirs.Remove(dir);
    }

    private static void All()
    {
        System.Diagnostics.Process[] ps;
        string[] dirs;
        lock (Gate) { ps = Processes.ToArray(); dirs = Dirs.ToArray(); }
        foreach (var p in ps) Kill(p);
        foreach (string d in dirs) Delete(d);
    }
}
