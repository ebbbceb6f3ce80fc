using DetSim.Core.Time;

namespace DetSim.Harness.Scenarios;

/// <summary>
/// The phases of a scenario run: until <see cref="HealAt"/> the workload and the fault schedule
/// play; then faults stop and the network heals; from <see cref="SettleNotBefore"/> the harness
/// asks every <see cref="SettleCheckEvery"/> whether the system has settled, and stops it when it
/// has. A system that has not settled by <see cref="ConvergeBy"/> (the liveness deadline) or within
/// <see cref="StepBudget"/> steps ends the run cut short, which checkers treat as inconclusive.
/// </summary>
public sealed record PhasePlan(SimTime HealAt, SimTime SettleNotBefore, SimTime ConvergeBy, long StepBudget)
{
    public Duration SettleCheckEvery { get; init; } = Duration.FromMillis(50);
}
