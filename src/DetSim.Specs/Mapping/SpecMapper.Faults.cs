using DetSim.Core.Faults;
using DetSim.Core.Settings;
using DetSim.Core.Time;
using DetSim.Replication.Server;
using DetSim.Specs.Schema;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

// faults: each entry is `at` and one action; the action's kind (SpecSchema.FaultKinds) builds the fault.
internal sealed partial class SpecMapper
{
    private FaultPlan Faults(YamlMappingNode root)
    {
        var plan = new FaultPlan();
        foreach (YamlNode f in Seq(root, "faults")) Fault((YamlMappingNode)f, plan);
        return plan;
    }

    private void Fault(YamlMappingNode f, FaultPlan plan)
    {
        SimTime at = SimTime.Zero + (TryRead(f, At, out Duration when) ? when : Duration.Zero);
        var kinds = f.Children.Keys.OfType<YamlScalarNode>().Select(k => SpecSchema.FaultKinds.FirstOrDefault(kind => kind.Name == k.Value)).OfType<FaultKind>().ToList();
        if (kinds.Count != 1)
        {
            Error(f, "faults", kinds.Count == 0
                ? $"a fault needs one action (allowed: {string.Join(", ", SpecSchema.FaultActions)})"
                : $"a fault has exactly one action, found {string.Join(" and ", kinds)}");
            return;
        }
        if (kinds[0].Build(new FaultArgs(this, f, kinds[0])) is { } fault) plan.At(at, fault);
    }

    private static readonly Setting<Duration> At = Declare.Duration("at", Duration.Zero, "when it strikes");

    /// <summary>A fault's arguments read from its spec entry; errors point at the entry's keys.</summary>
    private sealed class FaultArgs(SpecMapper mapper, YamlMappingNode entry, FaultKind kind) : IFaultArgs
    {
        private readonly YamlNode _value = Node(entry, kind.Name)!;
        private readonly string _path = $"faults.{kind.Name}";

        public IReadOnlyList<string> CrashPoints => CrashPointCatalog.Known;

        public string Server(Setting<string>? key = null)
        {
            string? s = _value is YamlScalarNode sc ? sc.Value : key is null ? null : Str(_value as YamlMappingNode, key.Name);
            YamlNode at = key is not null && Node(_value, key.Name) is { } keyNode ? keyNode : _value;
            if (s is null)
            {
                mapper.Error(at, _path, mapper._servers.Count == 0 ? "name a server (none is defined under servers:)" : $"name a server ({string.Join(", ", mapper._servers)})");
                return "";
            }
            mapper.RequireServer(at, _path, s);
            return s;
        }

        public IReadOnlyList<string>? Servers()
        {
            var ends = (_value as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToList() ?? [];
            if (ends.Count != 2) { mapper.Error(_value, _path, "expected [a, b]: two servers"); return null; }
            foreach (string e in ends) mapper.RequireServer(_value, _path, e);
            return ends;
        }

        public T Get<T>(Setting<T> setting) => Read(Owner(setting), setting);

        public bool Has(Setting setting) => Node(Owner(setting), setting.Name) is not null;

        public void Error(Setting? setting, string message) =>
            mapper.Error(setting is null ? _value : Node(Owner(setting), setting.Name) ?? _value, setting is null ? _path : $"{_path}.{setting.Name}", message);

        private YamlMappingNode? Owner(Setting setting) => kind.Siblings.Contains(setting) ? entry : _value as YamlMappingNode;
    }
}
