using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Time;
using DetSim.Replication.Clients;

namespace DetSim.Replication.Scenarios;

/// <summary>
/// Everything one run needs, as data: servers and topology, network, tables, clients, faults and
/// the failover tool. A spec file becomes a Scenario; FsCheck generates and shrinks Scenarios.
/// </summary>
public sealed record Scenario
{
    public string Name { get; init; } = "scenario";
    public required IReadOnlyList<ServerDefinition> Servers { get; init; }
    public LinkOptions Network { get; init; } = LinkOptions.Default;
    public IReadOnlyList<LinkOverride> Links { get; init; } = [];
    public IReadOnlyList<TableSetup> Tables { get; init; } = [];
    public IReadOnlyList<ClientOptions> Clients { get; init; } = [];
    public FaultPlan Faults { get; init; } = FaultPlan.Empty;
    public NemesisOptions? Nemesis { get; init; }
    public FailoverOptions Failover { get; init; } = new();

    /// <summary>When faults stop and the network heals; then the cluster must settle. Null: after the last client finishes.</summary>
    public SimTime? HealAt { get; init; }
    public SimTime TimeLimit { get; init; } = SimTime.FromSeconds(120);
    public long StepBudget { get; init; } = 5_000_000;

    /// <summary>Keep every trace record (replay --trace, golden files).</summary>
    public bool CaptureTrace { get; init; }

    /// <summary>Errors that make the scenario impossible, each naming the setting.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ServerDefinition s in Servers)
        {
            if (!names.Add(s.Name)) errors.Add($"servers: '{s.Name}' is defined twice");
            if (s.Name == DetSim.Replication.Failover.OrchestratorFailover.NodeName) errors.Add($"servers: '{s.Name}' is the failover tool's name; choose another");
            foreach (string e in s.Options.Validate()) errors.Add($"servers.{s.Name}: {e}");
        }
        foreach (ServerDefinition s in Servers)
        {
            if (s.Source is null) continue;
            if (s.Source == s.Name) errors.Add($"servers.{s.Name}.source: a server cannot replicate from itself");
            else if (!names.Contains(s.Source)) errors.Add($"servers.{s.Name}.source: unknown server '{s.Source}' (servers: {string.Join(", ", names)})");
            if (s.UsesAutoPosition && !s.Options.GtidMode) errors.Add($"servers.{s.Name}.auto_position: SOURCE_AUTO_POSITION=1 needs gtid_mode=ON");
        }
        var serverIds = Servers.Where(s => s.Options.ServerId != 0).GroupBy(s => s.Options.ServerId).Where(g => g.Count() > 1);
        foreach (var g in serverIds) errors.Add($"servers: server_id {g.Key} is used by {string.Join(" and ", g.Select(s => s.Name))}; replication needs distinct server ids");
        if (Servers.Count > 0 && Servers.All(s => s.Source is not null) && Servers.Count == 1)
            errors.Add("servers: a single server cannot be a replica");
        foreach (ClientOptions c in Clients)
        {
            if (c.Target.Kind == TargetKind.Named && !names.Contains(c.Target.Server!))
                errors.Add($"clients.{c.Name}.server: unknown server '{c.Target.Server}'");
            if (c.Sessions < 1) errors.Add($"clients.{c.Name}.count: needs at least one session");
            if (c.Transactions.Count == 0) errors.Add($"clients.{c.Name}.transactions: needs at least one transaction");
            if (c.Transactions.Any(t => t.Weight < 1)) errors.Add($"clients.{c.Name}.transactions: weights must be positive");
        }
        foreach (LinkOverride l in Links)
        {
            if (!names.Contains(l.From)) errors.Add($"network.links: unknown server '{l.From}'");
            if (!names.Contains(l.To)) errors.Add($"network.links: unknown server '{l.To}'");
        }
        if (Failover.Promote == PromotionRule.Named && (Failover.Candidate is null || !names.Contains(Failover.Candidate)))
            errors.Add($"failover.promote: unknown server '{Failover.Candidate}'");
        if (StepBudget <= 0) errors.Add("step_budget must be positive");
        if (TimeLimit.Micros <= 0) errors.Add("time_limit must be positive");
        return errors;
    }
}

public sealed record LinkOverride(string From, string To, LinkOptions Options);
