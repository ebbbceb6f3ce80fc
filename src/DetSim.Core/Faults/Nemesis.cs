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
        IReadOnlyList<FaultKind> kinds = CoreFaultKinds.Drawn;
        int[] weights = kinds.Select(k => k.WeightIn(options)).ToArray();
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
            kinds[kind].Draw(new NemesisDraw(random, options, t, node, down, plan));
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
}
