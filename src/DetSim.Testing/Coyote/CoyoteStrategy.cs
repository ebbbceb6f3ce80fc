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

/// <summary>How long and how Coyote explores.</summary>
public sealed record ExploreOptions(CoyoteStrategy Strategy = CoyoteStrategy.Random, uint Iterations = 100, uint MaxSteps = 1_000_000, uint EngineSeed = 1);

/// <summary>What exploration found: the first failing iteration, its failure, and Coyote's reproducible trace.</summary>
public sealed record ExploreResult(bool Found, int Iterations, int? FirstFailureIteration, string? Failure, string? ReproducibleTrace, string StrategyUsed);
