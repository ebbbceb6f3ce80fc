using DetSim.Core.Settings;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

// servers: names, sources, server ids and clocks.
internal sealed partial class SpecMapper
{
    private List<ServerDefinition> Servers(YamlMappingNode root, bool maria)
    {
        var serversNode = (YamlMappingNode)Node(root, "servers")!;
        YamlMappingNode? defaults = Node(root, "defaults") as YamlMappingNode;
        foreach ((YamlNode k, YamlNode _) in serversNode.Children) _servers.Add(((YamlScalarNode)k).Value!); // names: SpecSchema's KeyPattern
        var serverIds = new Dictionary<long, string>();
        if (_servers.Count == 0) Error(serversNode, "servers", "define at least one server");
        var servers = new List<ServerDefinition>();
        uint index = 0;
        foreach ((YamlNode k, YamlNode v) in serversNode.Children)
        {
            index++;
            string s = ((YamlScalarNode)k).Value!;
            var node = (YamlMappingNode)v;
            string? source = Str(node, "source");
            if (source is not null) RequireServer(Node(node, "source")!, $"servers.{s}.source", source);
            if (source == s) Error(Node(node, "source")!, $"servers.{s}.source", "a server cannot replicate from itself");
            ServerOptions options = Options(defaults, node, maria, index);
            // Replication needs distinct server ids: the replica I/O thread refuses equal ones, error 1593
            // (sql/rpl_replica.cc, get_source_version_and_clock; mysql-test rpl_server_id1). Point at the id.
            if (!serverIds.TryAdd(options.ServerId, s))
                Error(Node(node, "server_id") ?? Node(defaults, "server_id") ?? k, $"servers.{s}.server_id", $"server_id {options.ServerId} is also {serverIds[options.ServerId]}'s; replication needs distinct server ids");
            bool? autoPosition = Bool(node, "auto_position");
            if (autoPosition == true && !options.GtidMode) Error(Node(node, "auto_position")!, $"servers.{s}.auto_position", "SOURCE_AUTO_POSITION=1 needs gtid_mode: ON");
            YamlMappingNode? clock = Node(node, "clock") as YamlMappingNode ?? Node(defaults, "clock") as YamlMappingNode;
            servers.Add(new ServerDefinition(s, options, source, autoPosition)
            {
                ClockOffset = Read(clock, ClockSettings.Offset),
                ClockDriftPpm = Read(clock, ClockSettings.DriftPpm),
            });
        }
        return servers;
    }
}
