using DetSim.Core;
using DetSim.Core.Nodes;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Harness.Scenarios;

/// <summary>Schedules a <see cref="PhasePlan"/> in a simulation and runs it.</summary>
public static class Phases
{
    /// <summary>The stop reason of a run whose system settled.</summary>
    public const string SettledReason = "settled";

    /// <summary>
    /// Schedules the heal at <see cref="PhasePlan.HealAt"/> (<paramref name="heal"/>, by default
    /// <see cref="HealAll"/>) and the settle checks (<paramref name="settled"/> decides; the run
    /// stops with <see cref="SettledReason"/> the first time it says yes), then runs until the
    /// liveness deadline or the step budget.
    /// </summary>
    public static RunResult Run(Simulation sim, PhasePlan plan, Func<Simulation, bool> settled, Action<Simulation>? heal = null)
    {
        Schedule(sim, plan, settled, heal);
        return sim.Run(new RunLimits { TimeLimit = plan.ConvergeBy, StepBudget = plan.StepBudget });
    }

    /// <summary>Only schedules the phases (for a caller that runs the simulation itself).</summary>
    public static void Schedule(Simulation sim, PhasePlan plan, Func<Simulation, bool> settled, Action<Simulation>? heal = null)
    {
        sim.Schedule(plan.HealAt, "heal: faults stop, network heals, paused servers resume", heal ?? HealAll);
        sim.Schedule(plan.HealAt + plan.SettleCheckEvery, new SettleCheck(plan, settled));
    }

    /// <summary>Heals every partition and slow link and resumes every paused node.</summary>
    public static void HealAll(Simulation sim)
    {
        sim.Network.HealAll();
        for (int i = 0; i < sim.NodeCount; i++)
        {
            for (int j = 0; j < sim.NodeCount; j++)
                if (i != j) sim.Network.Unslow(i, j);
            if (sim.StatusOf(i) == NodeStatus.Paused) sim.Resume(i);
        }
    }

    /// <summary>Calls <paramref name="check"/> at <paramref name="first"/> and then every <paramref name="every"/> for the rest of the run.</summary>
    public static void Every(Simulation sim, SimTime first, Duration every, Action<Simulation> check) =>
        sim.Schedule(first, new Repeat(every, check));

    private sealed class SettleCheck(PhasePlan plan, Func<Simulation, bool> settled) : IScheduledAction
    {
        public void Run(Simulation sim)
        {
            if (sim.Now >= plan.SettleNotBefore && settled(sim))
            {
                sim.Stop(SettledReason);
                return;
            }
            sim.Schedule(sim.Now + plan.SettleCheckEvery, this);
        }
    }

    private sealed class Repeat(Duration every, Action<Simulation> check) : IScheduledAction
    {
        public void Run(Simulation sim)
        {
            check(sim);
            sim.Schedule(sim.Now + every, this);
        }
    }
}
