using DetSim.Core.Time;
using DetSim.Replication.Gtid;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;

namespace DetSim.Replication.Failover;

/// <summary>
/// An orchestrator-like failover: pick a live replica of the failed source, refuse it if it has
/// errant GTIDs (GTID_SUBTRACT of its set against the rest of the topology; orchestrator
/// instance_dao.go), let it apply its relay log as <see cref="FailoverOptions.WaitForRelayLog"/>
/// says (orchestrator DelayMasterPromotionIfSQLThreadNotUpToDate / FailMasterPromotionIfSQLThreadNotUpToDate,
/// docs/configuration-recovery.md), promote it (STOP REPLICA, RESET REPLICA ALL,
/// read_only=OFF), re-point the other replicas by GTID auto-positioning or by their own old
/// coordinates, and redirect clients.
/// </summary>
public sealed class OrchestratorFailover(FailoverOptions options) : IFailoverProcedure
{
    public void Run(ClusterControl cluster)
    {
        string? old = cluster.Directory.Source;
        if (old is null) return;
        var replicas = cluster.ServerNames
            .Where(n => n != old && cluster.Server(n) is { } s && s.Source?.SourceName == old)
            .ToList();
        MySqlServer? candidate = Pick(cluster, replicas);
        if (candidate is null)
        {
            cluster.RecordFailover(new FailoverRecord(cluster.Now, old, null, [], "", $"no live replica of {old} to promote", options.Repoint.ToString()));
            return;
        }
        string errant = ErrantGtids(cluster, candidate, old, replicas);
        if (errant.Length > 0 && options.ErrantGtids == ErrantGtidPolicy.Refuse)
        {
            cluster.RecordFailover(new FailoverRecord(cluster.Now, old, null, [], errant, $"{candidate.Name} has errant GTIDs {errant}", options.Repoint.ToString()));
            return;
        }
        SimTime deadline = cluster.Now + options.CatchUpTimeout;
        PromoteWhenCaughtUp(cluster, candidate.Name, old, replicas, errant, deadline);
    }

    private MySqlServer? Pick(ClusterControl cluster, List<string> replicas)
    {
        var live = replicas.Select(cluster.Server).Where(s => s is not null).Cast<MySqlServer>().ToList();
        if (live.Count == 0) return null;
        switch (options.Promote)
        {
            case PromotionRule.Named:
                return live.FirstOrDefault(s => s.Name == options.Candidate);
            case PromotionRule.FirstReplica:
                return live[0];
            default:
                // Most advanced: the largest received GTID set, or the furthest read position without GTIDs.
                // Not Seconds_Behind_Source, which can read 0 for a replica far behind (MYSQL-FACTS §8).
                return live.OrderByDescending(s => ReceivedCount(s)).ThenByDescending(ReceivedPosition).ThenBy(s => s.Name, StringComparer.Ordinal).First();
        }
    }

    private static long ReceivedCount(MySqlServer s)
    {
        if (!s.Options.GtidMode) return 0;
        GtidSet all = s.GtidExecuted.Clone();
        if (s.GetReplicaStatus() is { } st) all.UnionWith(GtidSet.Parse(st.RetrievedGtidSet));
        return all.Count;
    }

    private static Binlog.BinlogCoordinates ReceivedPosition(MySqlServer s) =>
        s.GetReplicaStatus()?.ReadSourceLogPos ?? Binlog.BinlogCoordinates.None;

    private static string ErrantGtids(ClusterControl cluster, MySqlServer candidate, string old, List<string> replicas)
    {
        if (!candidate.Options.GtidMode) return "";
        var known = new GtidSet();
        string oldUuid = cluster.UuidOf(old);
        foreach (GtidInterval iv in candidate.GtidExecuted.IntervalsOf(oldUuid)) known.AddInterval(oldUuid, iv.Start, iv.End);
        if (cluster.Server(old) is { } oldServer) known.UnionWith(oldServer.GtidExecuted);
        foreach (string r in replicas)
            if (r != candidate.Name && cluster.Server(r) is { } other)
                known.UnionWith(other.GtidExecuted.Subtract(OwnGtids(other)));
        return candidate.GtidExecuted.Subtract(known).ToString();
    }

    private static GtidSet OwnGtids(MySqlServer s)
    {
        var own = new GtidSet();
        foreach (GtidInterval iv in s.GtidExecuted.IntervalsOf(s.Uuid)) own.AddInterval(s.Uuid, iv.Start, iv.End);
        return own;
    }

    private void PromoteWhenCaughtUp(ClusterControl cluster, string candidateName, string old, List<string> replicas, string errant, SimTime deadline)
    {
        MySqlServer? candidate = cluster.Server(candidateName);
        if (candidate is null)
        {
            cluster.RecordFailover(new FailoverRecord(cluster.Now, old, null, [], errant, $"{candidateName} went down during failover", options.Repoint.ToString()));
            return;
        }
        Replica.Applier applier = candidate.Applier;
        bool caughtUp = !candidate.IsReplica || applier.State != ReplicaThreadState.Running || applier.Idle;
        if (options.WaitForRelayLog == RelayLogWait.None || caughtUp)
        {
            Promote(cluster, candidate, old, replicas, errant, Duration.Zero, 0, timedOut: false);
            return;
        }
        // Event-driven: the applier reports when it has applied all it received (or stopped); a
        // deadline bounds the wait. Whichever comes first decides, once.
        SimTime began = cluster.Now;
        int waitedFor = applier.Backlog;
        bool decided = false;
        void Decide(bool timedOut)
        {
            if (decided) return;
            decided = true;
            MySqlServer? c = cluster.Server(candidateName);
            if (c is null)
            {
                cluster.RecordFailover(new FailoverRecord(cluster.Now, old, null, [], errant, $"{candidateName} went down during failover", options.Repoint.ToString(), cluster.Now - began, waitedFor));
                return;
            }
            Promote(cluster, c, old, replicas, errant, cluster.Now - began, waitedFor, timedOut);
        }
        // The applier reports from inside the candidate's own event handling: act on it as the next step.
        applier.WhenCaughtUp(() => cluster.After(Duration.Zero, $"failover: {candidateName} applied its relay log", () => Decide(timedOut: false)));
        cluster.After(deadline - cluster.Now, $"failover: relay log wait on {candidateName} times out", () => Decide(timedOut: true));
    }

    private void Promote(ClusterControl cluster, MySqlServer candidate, string old, List<string> replicas, string errant, Duration waited, int waitedFor, bool timedOut)
    {
        string candidateName = candidate.Name;
        int unapplied = candidate.IsReplica && candidate.Applier.State == ReplicaThreadState.Running ? candidate.Applier.Backlog : 0;
        if (timedOut)
        {
            cluster.Note($"failover: gave up waiting {waited} for {candidateName} to apply its relay log ({unapplied} received transaction(s) not applied); " +
                         (options.OnCatchUpTimeout == RelayLogTimeoutAction.Refuse ? "not promoting it" : "promoting it anyway, RESET REPLICA ALL discards them"));
            if (options.OnCatchUpTimeout == RelayLogTimeoutAction.Refuse)
            {
                cluster.RecordFailover(new FailoverRecord(cluster.Now, old, null, [], errant, $"{candidateName} did not apply its relay log within {options.CatchUpTimeout}",
                    options.Repoint.ToString(), waited, waitedFor, unapplied, TimedOut: true));
                return;
            }
        }
        candidate.StopReplica();
        candidate.ResetReplicaAll();
        candidate.SetReadOnly(false);
        var repointed = new List<string>();
        foreach (string r in replicas)
        {
            if (r == candidateName || cluster.Server(r) is not { } other) continue;
            ReplicaSource target = options.Repoint == RepointMethod.Gtid && other.Options.GtidMode
                ? ReplicaSource.ByGtid(candidateName)
                // The replica's own coordinates: a position in the OLD source's binlog.
                : ReplicaSource.ByPosition(candidateName, other.GetReplicaStatus()!.ExecSourceLogPos);
            other.ChangeReplicationSource(target);
            repointed.Add(r);
        }
        if (options.RedirectClients) cluster.Directory.Publish(new ServiceRoute(candidateName, repointed), $"failover: {old} -> {candidateName}");
        cluster.SetTopology(candidateName, old);
        cluster.RecordFailover(new FailoverRecord(cluster.Now, old, candidateName, repointed, errant, null, options.Repoint.ToString(), waited, waitedFor, unapplied, timedOut));
    }
}
