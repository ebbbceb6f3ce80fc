using DetSim.Core.Settings;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using S = DetSim.Replication.Settings.ServerSettings;

namespace DetSim.Replication.Settings;

/// <summary>
/// Which option-record member each MySQL setting is, and the fluent way to set one from code:
/// <c>new ServerOptions().With(ServerSettings.SyncBinlog, 0L).With(ServerSettings.GtidMode, true)</c>
/// (checked against the declared range, like a spec value).
/// </summary>
public static class OptionBindings
{
    public static SettingBindings<ServerOptions> Server { get; } = new SettingBindings<ServerOptions>()
        .Bind(S.BinlogFormat, o => o.BinlogFormat, (o, v) => o with { BinlogFormat = v })
        .Bind(S.BinlogRowImage, o => o.BinlogRowImage, (o, v) => o with { BinlogRowImage = v })
        .Bind(S.GtidMode, o => o.GtidMode, (o, v) => o with { GtidMode = v })
        .Bind(S.SyncBinlog, o => o.SyncBinlog, (o, v) => o with { SyncBinlog = v })
        .Bind(S.InnodbFlushLogAtTrxCommit, o => o.InnodbFlushLogAtTrxCommit, (o, v) => o with { InnodbFlushLogAtTrxCommit = v })
        .Bind(S.LogReplicaUpdates, o => o.LogReplicaUpdates, (o, v) => o with { LogReplicaUpdates = v })
        .Bind(S.ReplicaParallelWorkers, o => o.ReplicaParallelWorkers, (o, v) => o with { ReplicaParallelWorkers = v })
        .Bind(S.ReplicaPreserveCommitOrder, o => o.ReplicaPreserveCommitOrder, (o, v) => o with { ReplicaPreserveCommitOrder = v })
        .Bind(S.RelayLogInfoRepository, o => o.RelayLogInfoRepository, (o, v) => o with { RelayLogInfoRepository = v })
        .Bind(S.RelayLogRecovery, o => o.RelayLogRecovery, (o, v) => o with { RelayLogRecovery = v })
        .Bind(S.SyncRelayLog, o => o.SyncRelayLog, (o, v) => o with { SyncRelayLog = v })
        .Bind(S.SyncRelayLogInfo, o => o.SyncRelayLogInfo, (o, v) => o with { SyncRelayLogInfo = v })
        .Bind(S.AutoIncrementIncrement, o => o.AutoIncrementIncrement, (o, v) => o with { AutoIncrementIncrement = v })
        .Bind(S.AutoIncrementOffset, o => o.AutoIncrementOffset, (o, v) => o with { AutoIncrementOffset = v })
        .Bind(S.MaxBinlogSize, o => o.MaxBinlogSize, (o, v) => o with { MaxBinlogSize = v })
        .Bind(S.ReadOnly, o => o.ReadOnly, (o, v) => o with { ReadOnly = v })
        .Bind(S.AccessPathVaries, o => o.AccessPathVaries, (o, v) => o with { AccessPathVaries = v })
        .Bind(S.ReplicaSemiSync, o => o.ReplicaSemiSync, (o, v) => o with { ReplicaSemiSync = v })
        .Bind(S.FsyncLatency, o => o.FsyncLatency, (o, v) => o with { FsyncLatency = v })
        .Bind(S.ApplyCost, o => o.ApplyCostPerTransaction, (o, v) => o with { ApplyCostPerTransaction = v })
        .Bind(S.ApplyCostPerRow, o => o.ApplyCostPerRow, (o, v) => o with { ApplyCostPerRow = v })
        .Bind(S.ReplicaNetTimeout, o => o.ReplicaNetTimeout, (o, v) => o with { ReplicaNetTimeout = v })
        .Bind(S.HeartbeatPeriod, o => o.HeartbeatPeriod, (o, v) => o with { HeartbeatPeriod = v })
        .Bind(S.ConnectRetry, o => o.ConnectRetry, (o, v) => o with { ConnectRetry = v })
        .Bind(S.TransactionIsolation, o => o.TransactionIsolation, (o, v) => o with { TransactionIsolation = v })
        .Bind(S.InnodbLockWaitTimeout, o => o.InnodbLockWaitTimeout, (o, v) => o with { InnodbLockWaitTimeout = v });

    public static SettingBindings<SemiSyncOptions> SemiSync { get; } = new SettingBindings<SemiSyncOptions>()
        .Bind(SemiSyncSettings.Enabled, o => o.Enabled, (o, v) => o with { Enabled = v })
        .Bind(SemiSyncSettings.WaitPoint, o => o.WaitPoint, (o, v) => o with { WaitPoint = v })
        .Bind(SemiSyncSettings.WaitForReplicaCount, o => o.WaitForReplicaCount, (o, v) => o with { WaitForReplicaCount = v })
        .Bind(SemiSyncSettings.Timeout, o => o.Timeout, (o, v) => o with { Timeout = v })
        .Bind(SemiSyncSettings.WaitNoReplica, o => o.WaitNoReplica, (o, v) => o with { WaitNoReplica = v });

    public static SettingBindings<ClientOptions> Client { get; } = new SettingBindings<ClientOptions>()
        .Bind(ClientSettings.Count, o => o.Sessions, (o, v) => o with { Sessions = v })
        .Bind(ClientSettings.Start, o => o.Start - Core.Time.SimTime.Zero, (o, v) => o with { Start = Core.Time.SimTime.Zero + v })
        .Bind(ClientSettings.Duration, o => o.Duration, (o, v) => o with { Duration = v })
        .Bind(ClientSettings.Think, o => o.Think, (o, v) => o with { Think = v })
        .Bind(ClientSettings.Timeout, o => o.RequestTimeout, (o, v) => o with { RequestTimeout = v })
        .Bind(ClientSettings.Until, o => o.Until, (o, v) => o with { Until = v });

    public static SettingBindings<FailoverOptions> Failover { get; } = new SettingBindings<FailoverOptions>()
        .Bind(FailoverSettings.DetectAfter, o => o.DetectAfter, (o, v) => o with { DetectAfter = v })
        .Bind(FailoverSettings.Repoint, o => o.Repoint, (o, v) => o with { Repoint = v })
        .Bind(FailoverSettings.ErrantGtids, o => o.ErrantGtids, (o, v) => o with { ErrantGtids = v })
        .Bind(FailoverSettings.RedirectClients, o => o.RedirectClients, (o, v) => o with { RedirectClients = v })
        .Bind(FailoverSettings.WaitForRelayLog, o => o.WaitForRelayLog, (o, v) => o with { WaitForRelayLog = v })
        .Bind(FailoverSettings.RelayLogTimeout, o => o.CatchUpTimeout, (o, v) => o with { CatchUpTimeout = v })
        .Bind(FailoverSettings.OnRelayLogTimeout, o => o.OnCatchUpTimeout, (o, v) => o with { OnCatchUpTimeout = v });

    public static ServerOptions With<T>(this ServerOptions options, Setting<T> setting, T value) =>
        OptionBindings.SemiSync.Settings.Contains(setting)
            ? options with { SemiSync = SemiSync.With(options.SemiSync, setting, value) }
            : Server.With(options, setting, value);

    public static ClientOptions With<T>(this ClientOptions options, Setting<T> setting, T value) => Client.With(options, setting, value);

    public static FailoverOptions With<T>(this FailoverOptions options, Setting<T> setting, T value) => Failover.With(options, setting, value);
}
