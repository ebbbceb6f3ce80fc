using DetSim.Core;
using DetSim.Core.Nodes;
using DetSim.Core.Time;

namespace DetSim.Harness.Scenarios;

/// <summary>
/// An automatic failure detector: polls the watched server every 100 ms (orchestrator probes every
/// second) and, once it has been down for <c>detectAfter</c>, triggers one recovery. It watches for
/// the whole run: a failover tool does not stop when the load does. <c>handled</c> says a recovery
/// for that server is running or done (one failover per failure, like orchestrator's
/// RecoveryPeriodBlockSeconds, docs/configuration-recovery.md).
/// </summary>
public static class FailureDetector
{
    public static readonly Duration PollEvery = Duration.FromMillis(100);

    public static void Watch(Simulation sim, Duration detectAfter, Func<string?> watched, Func<string, bool> handled, Action recover)
    {
        SimTime? downSince = null;
        string? current = null;
        Phases.Every(sim, SimTime.Zero + PollEvery, PollEvery, s =>
        {
            string? src = watched();
            if (src != current) { current = src; downSince = null; }
            bool down = src is not null && s.StatusOf(s.Require(src)) != NodeStatus.Up;
            if (!down || handled(src!)) downSince = null;
            else if (downSince is null) downSince = s.Now;
            else if (s.Now - downSince.Value >= detectAfter)
            {
                s.Note(-1, $"failure detector: {src} unreachable for {s.Now - downSince.Value}");
                downSince = null;
                recover();
            }
        });
    }
}
