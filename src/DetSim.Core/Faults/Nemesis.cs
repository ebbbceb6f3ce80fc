using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>Draws a fault plan from a random stream: the same stream gives the same plan.</summary>
public static class Nemesis
{
    public static FaultPlan Draw(IChoiceSource random, NemesisOptions options)
    {
        options.Validate();
        var plan = new FaultPlan();
        if (options.Nodes.Count == 0) return plan;
        // A zero crash_at weight leaves every draw as it was before crash points existed.
        int[] weights = [options.CrashWeight, options.PartitionWeight, options.PauseWeight, options.ClockJumpWeight, options.SlowLinkWeight, options.CrashAtWeight];
        int total = weights.Sum();
        if (total == 0) return plan;

        SimTime t = options.Start;
        while (true)
        {
            t += new Duration(Math.Max(1, (long)random.NextExponential(options.MeanGap.Micros)));
            if (t >= options.End) break;
            int kind = PickWeighted(random, weights, total);
            string node = random.Pick(options.Nodes);
            Duration down = new(random.NextLong(options.DownMin.Micros, options.DownMax.Micros));
            switch (kind)
            {
                case 0:
                    plan.At(t, new CrashFault(node)).At(t + down, new RestartFault(node));
                    break;
                case 1 when options.Nodes.Count > 1:
                    plan.At(t, new IsolateFault(node)).At(t + down, new HealFault());
                    break;
                case 2:
                    plan.At(t, new PauseFault(node, down));
                    break;
                case 3:
                    long max = options.ClockJumpMax.Micros;
                    plan.At(t, new ClockJumpFault(node, new Duration(random.NextLong(-max, max))));
                    break;
                case 4 when options.Nodes.Count > 1:
                    string other = PickOther(random, options.Nodes, node);
                    plan.At(t, new SlowLinkFault(node, other, random.NextLong(2, 50))).At(t + down, new SlowLinkFault(node, other, 1));
                    break;
                case 5:
                    string point = random.Pick(options.CrashPoints);
                    plan.At(t, new CrashAtFault(node, point, 1 + random.NextInt(options.CrashAtNthMax), down));
                    break;
            }
        }
        return plan;
    }

    private static int PickWeighted(IChoiceSource random, int[] weights, int total)
    {
        int x = random.NextInt(total);
        for (int i = 0; i < weights.Length; i++)
        {
            if (x < weights[i]) return i;
            x -= weights[i];
        }
        throw new InvalidOperationException("unreachable: weights sum to total");
    }

    private static string PickOther(IChoiceSource random, IReadOnlyList<string> nodes, string node)
    {
        var others = nodes.Where(n => n != node).ToList();
        return random.Pick(others);
    }
}
