using DetSim.Replication.Scenarios;
using DetSim.Replication.Settings;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

// failover: the orchestrator-like tool's settings.
internal sealed partial class SpecMapper
{
    private FailoverOptions Failover(YamlMappingNode? f)
    {
        if (f is null) return new FailoverOptions();
        string promote = Read(f, FailoverSettings.Promote);
        PromotionRule rule = FailoverSettings.RuleOf(promote);
        if (rule == PromotionRule.Named) RequireServer(Node(f, "promote")!, "failover.promote", promote, "most_advanced, first_replica, least_lag");
        return new FailoverOptions
        {
            Promote = rule,
            Candidate = rule == PromotionRule.Named ? promote : null,
            Repoint = Read(f, FailoverSettings.Repoint),
            ErrantGtids = Read(f, FailoverSettings.ErrantGtids),
            RedirectClients = Read(f, FailoverSettings.RedirectClients),
            DetectAfter = Read(f, FailoverSettings.DetectAfter),
            WaitForRelayLog = Read(f, FailoverSettings.WaitForRelayLog),
            CatchUpTimeout = Read(f, FailoverSettings.RelayLogTimeout),
            OnCatchUpTimeout = Read(f, FailoverSettings.OnRelayLogTimeout),
        };
    }
}
