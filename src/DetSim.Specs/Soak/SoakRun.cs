using DetSim.Checking;

namespace DetSim.Specs.Soak;

/// <summary>What one soak seed gave: the drawn scenario, how its run ended and what broke.</summary>
public sealed record SoakRun(ulong Seed, string SpecText, SeedOutcome? Outcome, string? LoadError)
{
    public bool ModelError => LoadError is not null || Outcome!.Kind == SeedKind.ModelError;
    public bool CutShort => !ModelError && Outcome!.Kind != SeedKind.Finished;
    public bool Violated => !ModelError && !CutShort && Outcome!.Violated;
    public IEnumerable<CheckResult> Inconclusive => ModelError || CutShort ? [] : Outcome!.Inconclusive;
    public bool Clean => !ModelError && !CutShort && !Violated && !Inconclusive.Any();

    /// <summary>Draws the scenario of <paramref name="seed"/> (optionally with one unsafe flip) and runs it under the same seed.</summary>
    public static SoakRun Of(ulong seed, UnsafeFlip? flip = null)
    {
        string text = SoakDraw.Spec(seed, flip);
        SpecParseResult parsed = SpecLoader.Parse(text, $"soak-{seed}.yaml");
        if (!parsed.Ok) return new SoakRun(seed, text, null, string.Join("; ", parsed.Errors));
        return new SoakRun(seed, text, SpecJudge.RunSeed(parsed.Spec!, seed), null);
    }

    /// <summary>The invariant to report for a flip: the one it should break when that broke, else the first.</summary>
    public string? FirstInvariant(UnsafeFlip? flip) =>
        !Violated ? null : flip is not null && Outcome!.Violations.Any(v => v.Invariant == flip.Breaks) ? flip.Breaks : Outcome!.Violations[0].Invariant;
}
