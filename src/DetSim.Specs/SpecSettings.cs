using DetSim.Core.Settings;
using DetSim.Core.Time;

namespace DetSim.Specs;

/// <summary>The spec's own top-level settings (how a check runs), declared once; the mapper and the schema read them here.</summary>
public static class SpecSettings
{
    public static readonly Setting<decimal> AvailabilityThreshold = Declare.Number("availability_threshold", 0.99m, 0, 1, "share of writes that must succeed for `availability`");
    public static readonly Setting<long> Seeds = Declare.Long("seeds", 100, 1, 10_000_000, "how many seeds a check runs");
    public static readonly Setting<long> StepBudget = Declare.Long("step_budget", 5_000_000, 1, 1_000_000_000, "events per run before it is called a livelock");
    public static readonly Setting<Duration> TimeLimit = Declare.Duration("time_limit", Duration.FromSeconds(120), "simulated time limit per run");
    public static readonly Setting<Duration?> HealAt = Declare.OptionalDuration("heal_at", "when faults stop and the network heals (default: when the last client stops)");
    public static readonly Setting<long> TableRows = Declare.Long("rows", 0, 0, 1_000_000, "rows to start with");

    /// <summary>The first seed; its text form is a 64-bit seed (decimal or 0x-hex), so only the default is declared here.</summary>
    public const ulong SeedStart = 1;
}
