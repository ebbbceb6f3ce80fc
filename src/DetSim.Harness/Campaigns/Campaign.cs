namespace DetSim.Harness.Campaigns;

/// <summary>
/// Runs one experiment per seed, in seed order, and keeps what each found. Every run is independent
/// (its own simulation), so the same seeds give the same campaign in any process; a runner that
/// spreads seeds over processes or threads lives outside the simulation (the CLI).
/// </summary>
public static class Campaign
{
    /// <summary>
    /// Runs seeds <paramref name="first"/>, first+1, ... (<paramref name="count"/> of them) and
    /// stops at the first one <paramref name="failed"/> says broke, when <paramref name="stopAtFirst"/>.
    /// </summary>
    public static CampaignResult<T> Run<T>(ulong first, int count, Func<ulong, T> run, Func<T, bool> failed, bool stopAtFirst = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var outcomes = new List<SeedOutcome<T>>(count);
        for (int i = 0; i < count; i++)
        {
            ulong seed = first + (ulong)i;
            T outcome = run(seed);
            bool bad = failed(outcome);
            outcomes.Add(new SeedOutcome<T>(seed, outcome, bad));
            if (bad && stopAtFirst) break;
        }
        return new CampaignResult<T>(outcomes);
    }
}

/// <summary>What one seed of a campaign produced, and whether it broke the property.</summary>
public sealed record SeedOutcome<T>(ulong Seed, T Outcome, bool Failed);

/// <summary>Every seed a campaign ran, in seed order.</summary>
public sealed record CampaignResult<T>(IReadOnlyList<SeedOutcome<T>> Seeds)
{
    public int SeedsRun => Seeds.Count;

    /// <summary>The first seed that broke the property, or null.</summary>
    public SeedOutcome<T>? FirstFailure => Seeds.FirstOrDefault(s => s.Failed);
}
