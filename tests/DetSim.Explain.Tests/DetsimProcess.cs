using System.Diagnostics;

namespace DetSim.Explain.Tests;

/// <summary>Runs the built detsim as a separate process: exit code, stdout, stderr as a user sees them.</summary>
internal static class DetsimProcess
{
    public sealed record Result(int Code, string Out, string Err);

    public static Result Run(params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "detsim.dll");
        var psi = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Runs.Repo,
        };
        psi.Environment["CI"] = "true";
        using Process p = Process.Start(psi)!;
        Task<string> o = p.StandardOutput.ReadToEndAsync(), e = p.StandardError.ReadToEndAsync();
        // A hang guard only, far above any plausible run (these take seconds): a busy machine must
        // never turn a slow run into a failure.
        if (!p.WaitForExit(TimeSpan.FromMinutes(30)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"detsim {string.Join(' ', args)} hung: no exit after 30 minutes");
        }
        return new Result(p.ExitCode, o.Result, e.Result);
    }
}
