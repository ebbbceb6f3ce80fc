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
        return o with
        {
            ServerId = (uint)Opt(S.ServerId, index),
            BinlogFormat = Opt(S.BinlogFormat, o.BinlogFormat),
            BinlogRowImage = Opt(S.BinlogRowImage, o.BinlogRowImage),
            GtidMode = Opt(S.GtidMode, o.GtidMode),
            SyncBinlog = Opt(S.SyncBinlog, o.SyncBinlog),
            InnodbFlushLogAtTrxCommit = Opt(S.InnodbFlushLogAtTrxCommit, o.InnodbFlushLogAtTrxCommit),
            LogReplicaUpdates = Opt(S.LogReplicaUpdates, o.LogReplicaUpdates),
            ReplicaParallelWorkers = Math.Max(1, Opt(S.ReplicaParallelWorkers, o.ReplicaParallelWorkers)), // 0 means single-threaded
            ReplicaPreserveCommitOrder = Opt(S.ReplicaPreserveCommitOrder, o.ReplicaPreserveCommitOrder),
            RelayLogInfoRepository = Opt(S.RelayLogInfoRepository, o.RelayLogInfoRepository),
            RelayLogRecovery = Opt(S.RelayLogRecovery, o.RelayLogRecovery),
            SyncRelayLog = Math.Max(1, Opt(S.SyncRelayLog, o.SyncRelayLog)),
            SyncRelayLogInfo = Math.Max(1, Opt(S.SyncRelayLogInfo, o.SyncRelayLogInfo)),
            AutoIncrementIncrement = Opt(S.AutoIncrementIncrement, o.AutoIncrementIncrement),
            AutoIncrementOffset = Opt(S.AutoIncrementOffset, o.AutoIncrementOffset),
            MaxBinlogSize = Opt(S.MaxBinlogSize, o.MaxBinlogSize),
            ReadOnly = Opt(S.ReadOnly, o.ReadOnly),
            AccessPathVaries = Opt(S.AccessPathVaries, o.AccessPathVaries),
            SemiSync = semiSync,
            ReplicaSemiSync = Opt(S.ReplicaSemiSync, o.ReplicaSemiSync),
            FsyncLatency = Opt(S.FsyncLatency, o.FsyncLatency),
            ApplyCostPerTransaction = Opt(S.ApplyCost, o.ApplyCostPerTransaction),
            ReplicaNetTimeout = Opt(S.ReplicaNetTimeout, o.ReplicaNetTimeout),
            HeartbeatPeriod = Opt(S.HeartbeatPeriod, o.HeartbeatPeriod),
            ConnectRetry = Opt(S.ConnectRetry, o.ConnectRetry),
            TransactionIsolation = Opt(S.TransactionIsolation, o.TransactionIsolation),
            InnodbLockWaitTimeout = Opt(S.InnodbLockWaitTimeout, o.InnodbLockWaitTimeout),
        };
    }
}
