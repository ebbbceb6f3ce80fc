namespace DetSim.Cli.Campaign;

/// <summary>One spec's verdict as written to the results file (what `merge` combines) and printed.</summary>
public sealed record SpecResult(
    string Name,
    string File,
    string Expect,
    string? ExpectInvariant,
    bool Met,
    int SeedsRun,
    ulong SeedStart,
    int Seeds,
    string Shard,
    ulong? FirstFailingSeed,
    string? TraceHash,
    string Summary,
    double Seconds,
    bool ModelError = false,
    int Inconclusive = 0,
    ulong? FirstInconclusiveSeed = null,
    int CutShort = 0,
    ulong? FirstCutShortSeed = null)
{
    /// <summary>Ctrl-C stopped this spec before its verdict was decided.</summary>
    public bool Interrupted { get; init; }

    /// <summary>The check was interrupted before this spec started.</summary>
    public bool NotRun { get; init; }

    /// <summary>The spec file did not load: its errors, each file:line:col (exit code 2).</summary>
    public string? BadSpec { get; init; }

    /// <summary>A hash of the spec file's text: merge refuses shards that ran different versions of a spec.</summary>
    public string? SpecHash { get; init; }

    /// <summary>met, FAILED, MODEL ERROR (a DetSim bug, exit code 3), BAD SPEC (exit code 2), INTERRUPTED or not run.</summary>
    public string Result => BadSpec is not null ? "BAD SPEC" : ModelError ? "MODEL ERROR" : NotRun ? "not run" : Interrupted ? "INTERRUPTED" : Met ? "met" : "FAILED";
    public string ReplayCommand => FirstFailingSeed is { } s ? DetSim.Specs.SpecJudge.ReplayCommand(File, s) : "";

    /// <summary>The result of a spec file that did not load.</summary>
    public static SpecResult Unloadable(string file, string errors, Shard shard) =>
        new(Path.GetFileNameWithoutExtension(file), file, "?", null, false, 0, 0, 0, shard.ToString(), null, null, "the spec does not load", 0) { BadSpec = errors };
}
