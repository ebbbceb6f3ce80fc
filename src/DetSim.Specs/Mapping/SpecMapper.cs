using DetSim.Core.Time;
using DetSim.Replication.Scenarios;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

/// <summary>
/// Turns a schema-valid YAML tree into a <see cref="Spec"/>, checking what the schema cannot: names
/// that must exist, SQL that must parse, a sane topology. One file per section (SpecMapper.*.cs);
/// values and defaults are read through the settings' declarations.
/// </summary>
internal sealed partial class SpecMapper(string file, List<SpecError> errors)
{
    private readonly Validator _v = new(file, errors);
    private readonly List<string> _servers = new();

    public Spec? Map(YamlMappingNode root)
    {
        string name = Str(root, "name")!; // its shape: SpecSchema's Pattern, checked by the validator
        bool maria = string.Equals(Str(root, "flavor"), "mariadb-10.11", StringComparison.OrdinalIgnoreCase);
        var check = Seq(root, "check").Select(n => ((YamlScalarNode)n).Value!.ToLowerInvariant()).ToList();
        Expectation expect = Str(root, "expect")!.Equals("violated", StringComparison.OrdinalIgnoreCase) ? Expectation.Violated : Expectation.Holds;
        string? expectInvariant = Str(root, "expect_invariant")?.ToLowerInvariant();
        if (expectInvariant is not null && !check.Contains(expectInvariant))
            Error(Node(root, "expect_invariant")!, "expect_invariant", $"'{expectInvariant}' is not in check ({string.Join(", ", check)})");
        if (expectInvariant is not null && expect == Expectation.Holds)
            Error(Node(root, "expect_invariant")!, "expect_invariant", "only meaningful with expect: violated");
        if (check.Count == 0) Error(root, "check", "list at least one invariant to check (allowed: " + string.Join(", ", Schema.SpecSchema.Invariants) + ")");

        List<ServerDefinition> servers = Servers(root, maria);
        var workload = Node(root, "workload") as YamlMappingNode;
        var failoverNode = Node(root, "failover") as YamlMappingNode;
        FailoverOptions failover = Failover(failoverNode);
        var plan = Faults(root);
        if ((failoverNode is not null || plan.Faults.Any(p => p.Fault is FailoverFault)) && servers.All(s => s.Source is null))
            Error(failoverNode ?? root, "failover", "a failover needs at least one replica (a server with `source:`)");
        var networkNode = Node(root, "network") as YamlMappingNode;
        var network = Link(networkNode, Core.Network.LinkOptions.Default);

        var scenario = new Scenario
        {
            Name = name,
            Servers = servers,
            Network = network,
            Links = Links(networkNode, network),
            Tables = Tables(workload),
            Clients = Clients(workload),
            Faults = plan,
            Nemesis = Nemesis(Node(root, "nemesis") as YamlMappingNode),
            Failover = failover,
            HealAt = Read(root, SpecSettings.HealAt) is { } heal ? SimTime.Zero + heal : null,
            TimeLimit = SimTime.Zero + Read(root, SpecSettings.TimeLimit),
            StepBudget = Read(root, SpecSettings.StepBudget),
        };
        if (errors.Count == 0)
            foreach (string e in scenario.Validate()) Error(root, "", e);
        string? seedStart = Str(root, "seed_start");
        return new Spec
        {
            Name = name,
            Description = Str(root, "description") ?? "",
            File = file,
            Scenario = scenario,
            Expect = expect,
            ExpectInvariant = expectInvariant,
            Check = check,
            AvailabilityThreshold = (double)Read(root, SpecSettings.AvailabilityThreshold),
            Seeds = (int)Read(root, SpecSettings.Seeds),
            SeedStart = seedStart is not null && Scalars.TrySeed(seedStart, out ulong ss) ? ss : SpecSettings.SeedStart,
        };
    }

    private void RequireServer(YamlNode at, string path, string name, string? alsoAllowed = null)
    {
        if (!_servers.Contains(name))
            Error(at, path, $"unknown server '{name}' ({(_servers.Count == 0 ? "no servers are defined" : "servers: " + string.Join(", ", _servers))}{(alsoAllowed is null ? "" : "; or " + alsoAllowed)})");
    }

    private void Error(YamlNode node, string path, string message) => _v.Error(node, path, message);
}
