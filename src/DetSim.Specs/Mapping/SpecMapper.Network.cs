using DetSim.Core.Network;
using DetSim.Core.Random;
using DetSim.Core.Settings;
using DetSim.Replication.Scenarios;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

// network: the default link and per-link overrides.
internal sealed partial class SpecMapper
{
    private List<LinkOverride> Links(YamlMappingNode? networkNode, LinkOptions network)
    {
        var links = new List<LinkOverride>();
        foreach (YamlNode l in Seq(networkNode, "links"))
        {
            var lm = (YamlMappingNode)l;
            string from = Str(lm, "from")!, to = Str(lm, "to")!;
            RequireServer(Node(lm, "from")!, "network.links.from", from);
            RequireServer(Node(lm, "to")!, "network.links.to", to);
            LinkOptions o = Link(lm, network);
            links.Add(new LinkOverride(from, to, o));
            if (Read(lm, NetworkSettings.BothWays)) links.Add(new LinkOverride(to, from, o));
        }
        return links;
    }

    private static LinkOptions Link(YamlMappingNode? n, LinkOptions baseline)
    {
        if (n is null) return baseline;
        var lat = Node(n, "latency") as YamlMappingNode;
        // A spec's percentages become parts per million (Latency.Lan's default is the same 1%, as 1/100).
        Latency latency = lat is null ? baseline.Latency : new Latency
        {
            Min = Read(lat, NetworkSettings.LatencyMin),
            Jitter = Read(lat, NetworkSettings.LatencyJitter),
            TailChance = PerMillion(Read(lat, NetworkSettings.TailPercent)),
            TailFactor = Read(lat, NetworkSettings.TailFactor),
        };
        return baseline with
        {
            Latency = latency,
            Loss = TryRead(n, NetworkSettings.LossPercent, out decimal loss) ? PerMillion(loss) : baseline.Loss,
            Duplicate = TryRead(n, NetworkSettings.DuplicatePercent, out decimal dup) ? PerMillion(dup) : baseline.Duplicate,
        };
    }

    private static Ratio PerMillion(decimal percent) => new((ulong)Math.Round(percent * 10_000m), 1_000_000);
}
