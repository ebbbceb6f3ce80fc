using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Testing.Coyote;

/// <summary>Coyote's exploration strategies.</summary>
public enum CoyoteStrategy
{
    Random,
    Probabilistic,
    Prioritization,
    FairPrioritization,
    DelayBounding,
    QLearning,
}

/// <summary>The names the command line accepts, and what they mean.</summary>
public static class CoyoteStrategies
{
    public static readonly IReadOnlyList<(string Name, CoyoteStrategy Strategy)> Names =
    [
        ("random", CoyoteStrategy.Random),
        ("probabilistic", CoyoteStrategy.Probabilistic),
        ("pct", CoyoteStrategy.Prioritization),
        ("fair-pct", CoyoteStrategy.FairPrioritization),
        ("delay-bounding", CoyoteStrategy.DelayBounding),
        ("q-learning", CoyoteStrategy.QLearning),
    ];

    public static string Allowed => string.Join(", ", Names.Select(n => n.Name));

    public static CoyoteStrategy? Parse(string text)
    {
        string t = text.Trim().ToLowerInvariant();
        if (t is "prioritization") return CoyoteStrategy.Prioritization;
        if (t is "qlearning") return CoyoteStrategy.QLearning;
        foreach ((string name, CoyoteStrategy s) in Names)
            if (name == t) return s;
        return null;
    }

    public static string NameOf(CoyoteStrategy s) => Names.First(n => n.Strategy == s).Name;
}

/// <summary>
/// How long and how Coyote explores. <paramref name="Window"/>: an event due at most this long after
/// the earliest pending one may run first (docs/coyote.md, "Time"). <paramref name="DataSeed"/>:
/// null lets Coyote choose each iteration's data seed; a value fixes it so only the schedule varies.
/// <paramref name="MaxSteps"/> bounds Coyote's scheduling steps per iteration; a run needs about two
/// per DetSim decision.
/// </summary>
public sealed record ExploreOptions(
    CoyoteStrategy Strategy = CoyoteStrategy.Random,
    uint Iterations = 100,
    uint MaxSteps = 20_000_000,
    uint EngineSeed = 1,
    Duration? Window = null,
    ulong? DataSeed = null,
    int PriorityChanges = 10)
{
    public static readonly Duration DefaultWindow = Duration.FromMillis(1);

    public Duration EffectiveWindow => Window ?? DefaultWindow;
}

/// <summary>What one iteration's run reported: a failure (or null) and the run's trace hash.</summary>
public sealed record RunVerdict(string? Failure, string? TraceHash);

/// <summary>
/// What exploration found: the first failing iteration, its failure, Coyote's reproducible trace and
/// DetSim's own record of it (data seed and decisions) that replays without Coyote.
/// </summary>
public sealed record ExploreResult(bool Found, int Iterations, int? FirstFailureIteration, string? Failure, string? ReproducibleTrace, string StrategyUsed)
{
    public ulong? DataSeed { get; init; }
    public Duration Window { get; init; }
    public IReadOnlyList<Decision>? Decisions { get; init; }
    public string? TraceHash { get; init; }

    /// <summary>Per iteration: a hash of the schedule it ran (its decisions), to tell strategies apart.</summary>
    public IReadOnlyList<ulong> ScheduleHashes { get; init; } = [];

    /// <summary>Scheduling decisions Coyote made over all iterations.</summary>
    public long SchedulingDecisions { get; init; }
}
