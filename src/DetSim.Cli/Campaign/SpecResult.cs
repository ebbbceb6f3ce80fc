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
    /// <summary>met, FAILED, or MODEL ERROR (a DetSim bug, exit code 3).</summary>
    public string Result => ModelError ? "MODEL ERROR" : Met ? "met" : "FAILED";
    public string ReplayCommand => FirstFailingSeed is { } s ? DetSim.Specs.SpecJudge.ReplayCommand(File, s) : "";
}
