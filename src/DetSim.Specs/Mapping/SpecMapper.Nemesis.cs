using DetSim.Core.Faults;
using DetSim.Core.Settings;
using DetSim.Core.Time;
using DetSim.Replication.Server;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

// nemesis: faults drawn from the seed; each kind's weight is declared with the kind.
internal sealed partial class SpecMapper
{
    private NemesisOptions? Nemesis(YamlMappingNode? n)
    {
        if (n is null) return null;
        var between = Seq(n, "between").Select(x => DurOf(x)).ToList();
        var down = Seq(n, "down").Select(x => DurOf(x)).ToList();
        var servers = Seq(n, "servers").Select(x => ((YamlScalarNode)x).Value!).ToList();
        foreach (string s in servers) RequireServer(Node(n, "servers")!, "nemesis.servers", s);
        var kinds = Node(n, "kinds") as YamlMappingNode;
        var points = Seq(n, "crash_points").Select(x => ((YamlScalarNode)x).Value!).ToList();
        foreach (YamlNode p in Seq(n, "crash_points"))
            if (!CrashPointCatalog.IsKnown(((YamlScalarNode)p).Value!))
                Error(p, "nemesis.crash_points", $"unknown crash point '{((YamlScalarNode)p).Value}' (known: {string.Join(", ", CrashPointCatalog.Known)})");
        var options = new NemesisOptions
        {
            Nodes = servers.Count > 0 ? servers : _servers.ToArray(),
            Start = SimTime.Zero + (between.Count == 2 ? between[0] : NemesisSettings.Start.Default),
            End = SimTime.Zero + (between.Count == 2 ? between[1] : NemesisSettings.End.Default),
            MeanGap = Read(n, NemesisSettings.MeanGap),
            CrashPoints = points.Count > 0 ? points : CrashPointCatalog.Names,
            CrashAtNthMax = Read(n, NemesisSettings.CrashAtNthMax),
            CrashAtMode = Read(n, NemesisSettings.CrashAtMode),
            CrashAtAfterMax = Read(n, NemesisSettings.CrashAtAfterMax),
            DownMin = down.Count == 2 ? down[0] : NemesisSettings.DownMin.Default,
            DownMax = down.Count == 2 ? down[1] : NemesisSettings.DownMax.Default,
        };
        foreach (FaultKind kind in CoreFaultKinds.Drawn)
            if (TryRead(kinds, kind.Weight!, out int weight)) options = kind.WithWeight(options, weight);
        return options;
    }
}
