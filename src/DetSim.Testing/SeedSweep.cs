using System.Globalization;
using DetSim.Harness.Campaigns;

namespace DetSim.Testing;

/// <summary>
/// Runs a property over many seeds (a harness <see cref="Campaign"/>) and fails with the first failing seed and how to replay it.
/// Set DETSIM_SEED to run exactly one seed (the replay), DETSIM_SEEDS to change how many.
/// </summary>
public static class SeedSweep
{
    public const string SeedVariable = "DETSIM_SEED";
    public const string SeedsVariable = "DETSIM_SEEDS";

    /// <summary>
    /// Calls <paramref name="property"/> for each seed; it returns null when the seed passes, or a
    /// description of what broke. Throws <see cref="SeedFailedException"/> on the first failure.
    /// </summary>
    public static SweepResult Run(int seeds, Func<ulong, string?> property, ulong firstSeed = 1, string? testName = null)
    {
        string? replay = Environment.GetEnvironmentVariable(SeedVariable);
        if (replay is not null)
        {
            ulong seed = ParseSeed(replay);
            string? failure = property(seed);
            if (failure is not null) throw new SeedFailedException(seed, failure, testName);
            return new SweepResult(1, seed);
        }
        if (Environment.GetEnvironmentVariable(SeedsVariable) is { } n && int.TryParse(n, NumberStyles.None, CultureInfo.InvariantCulture, out int count)) seeds = count;
        CampaignResult<string?> campaign = Campaign.Run(firstSeed, seeds, property, failure => failure is not null);
        if (campaign.FirstFailure is { } bad) throw new SeedFailedException(bad.Seed, bad.Outcome!, testName);
        return new SweepResult(seeds, firstSeed);
    }

    /// <summary>Like <see cref="Run"/> but expects some seed to fail (a known bug must be found); returns the first failing seed.</summary>
    public static (ulong Seed, string Failure, int SeedsRun) FindFailure(int seeds, Func<ulong, string?> property, ulong firstSeed = 1)
    {
        CampaignResult<string?> campaign = Campaign.Run(firstSeed, seeds, property, failure => failure is not null);
        if (campaign.FirstFailure is { } bad) return (bad.Seed, bad.Outcome!, campaign.SeedsRun);
        throw new InvalidOperationException($"no seed in {firstSeed}..{firstSeed + (ulong)seeds - 1} broke the property; the bug was not found within the budget");
    }

    public static ulong ParseSeed(string text)
    {
        text = text.Trim().Replace("_", "", StringComparison.Ordinal);
        bool ok = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong v)
            : ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out v);
        return ok ? v : throw new FormatException($"seed '{text}' is not a 64-bit unsigned number (decimal or 0x-hex)");
    }
}

public sealed record SweepResult(int SeedsRun, ulong FirstSeed);

/// <summary>A property failed for a seed: the message carries the seed and the replay instruction.</summary>
public sealed class SeedFailedException(ulong seed, string failure, string? testName)
    : Exception($"seed {seed} failed: {failure}\nreplay: {SeedSweep.SeedVariable}={seed} dotnet test{(testName is null ? "" : $" --filter \"FullyQualifiedName~{testName}\"")}")
{
    public ulong Seed { get; } = seed;
    public string Failure { get; } = failure;
}
