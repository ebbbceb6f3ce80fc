using DetSim.Core.Settings;
using DetSim.Replication.Server;
using DetSim.Replication.Settings;
using YamlDotNet.RepresentationModel;
using S = DetSim.Replication.Settings.ServerSettings;

namespace DetSim.Specs;

// A server's options: its own keys, then defaults:, then the flavour's defaults.
internal sealed partial class SpecMapper
{
    private static ServerOptions Options(YamlMappingNode? defaults, YamlMappingNode server, bool maria, uint index)
    {
        ServerOptions o = maria ? ServerOptions.ForMariaDb() : new ServerOptions();
        T Opt<T>(Setting<T> s, T current) => TryRead(server, s, out T v) || TryRead(defaults, s, out v) ? v : current;
        var semi = Node(server, "semi_sync") as YamlMappingNode ?? Node(defaults, "semi_sync") as YamlMappingNode;
        SemiSyncOptions semiSync = o.SemiSync;
        if (semi is not null)
        {
            semiSync = new SemiSyncOptions
            {
                Enabled = TryRead(semi, SemiSyncSettings.Enabled, out bool on) ? on : SemiSyncSettings.EnabledWhenBlockGiven,
                WaitPoint = TryRead(semi, SemiSyncSettings.WaitPoint, out SemiSyncWaitPoint wp) ? wp : o.SemiSync.WaitPoint,
                WaitForReplicaCount = Read(semi, SemiSyncSettings.WaitForReplicaCount),
                Timeout = Read(semi, SemiSyncSettings.Timeout),
                WaitNoReplica = Read(semi, SemiSyncSettings.WaitNoReplica),
            };
        }
        // Every declared server setting the spec gives goes through its binding (OptionBindings.Server),
        // so a new setting needs no line here; only the keys with a rule of their own follow.
        foreach (Setting setting in S.Spec.Concat(S.SpecAfterSemiSync))
            if (TryReadValue(server, setting, out object? value) || TryReadValue(defaults, setting, out value))
                o = OptionBindings.Server.WithValue(o, setting, value);
        return o with
        {
            ServerId = (uint)Opt(S.ServerId, index),
            // MySQL reads 0 as 1 for these (a single-threaded applier; a sync every event).
            ReplicaParallelWorkers = Math.Max(1, o.ReplicaParallelWorkers),
            SyncRelayLog = Math.Max(1, o.SyncRelayLog),
            SyncRelayLogInfo = Math.Max(1, o.SyncRelayLogInfo),
            SemiSync = semiSync,
        };
    }
}
