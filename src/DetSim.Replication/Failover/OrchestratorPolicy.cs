using DetSim.Core.Time;
using DetSim.Harness.Failover;
using DetSim.Harness.Routing;
using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;

namespace DetSim.Replication.Failover;

/// <summary>
/// Orchestrator's dead-source recovery, decided from what the tool read over the network: pick a
/// reachable replica of the failed source (<see cref="ICandidatePolicy"/>), refuse it if it has
/// errant GTIDs (GTID_SUBTRACT of its set against the rest of the topology; orchestrator
/// instance_dao.go), let it apply its relay log as <see cref="FailoverOptions.WaitForRelayLog"/>
/// says (orchestrator DelayMasterPromotionIfSQLThreadNotUpToDate /
/// FailMasterPromotionIfSQLThreadNotUpToDate, docs/configuration-recovery.md), promote it (STOP
/// REPLICA, RESET REPLICA ALL, read_only=OFF), re-point the other replicas by GTID auto-positioning
/// or by their own old coordinates, and redirect clients. A server that did not answer is not seen.
/// </summary>
public sealed class OrchestratorPolicy(FailoverOptions options, IReadOnlyDictionary<string, string> uuids) : IRecoveryPolicy
{
    /// <summary>How long the tool waits for one administrative statement's reply.</summary>
    private static readonly Duration StatementTimeout = Duration.FromSeconds(1);

    private readonly ICandidatePolicy _candidates = CandidatePolicies.For(options);

    public object StatusQuery => ShowStatus.Instance;

    public void Recover(Recovery r)
    {
        string old = r.FailedSource;
        var seen = r.Seen.Values.OfType<ServerStatus>().ToDictionary(s => s.Name, StringComparer.Ordinal);
        var replicas = r.Servers.Where(n => n != old && seen.TryGetValue(n, out var s) && s.SourceHost == old).Select(n => seen[n]).ToList();
        ServerStatus? candidate = _candidates.Pick(replicas);
        if (candidate is null)
        {
            Refuse(r, "", $"no live replica of {old} to promote");
            return;
        }
        string errant = ErrantGtids(candidate, seen.GetValueOrDefault(old), replicas, uuids.GetValueOrDefault(old) ?? "");
        if (errant.Length > 0 && options.ErrantGtids == ErrantGtidPolicy.Refuse)
        {
            Refuse(r, errant, $"{candidate.Name} has errant GTIDs {errant}");
            return;
        }
        var plan = new Plan(r, candidate.Name, replicas, errant);
        if (options.WaitForRelayLog == RelayLogWait.None || candidate.RelayLogApplied)
        {
            Promote(plan, Duration.Zero, 0, timedOut: false);
            return;
        }
        WaitThenPromote(plan, candidate.RelayBacklog);
    }

    /// <summary>The candidate and what the tool knew of the rest when it chose it.</summary>
    private sealed record Plan(Recovery R, string Candidate, IReadOnlyList<ServerStatus> Replicas, string Errant);

    private static string ErrantGtids(ServerStatus candidate, ServerStatus? oldSource, IReadOnlyList<ServerStatus> replicas, string oldUuid)
    {
        if (!candidate.GtidMode) return "";
        GtidSet held = GtidSet.Parse(candidate.GtidExecuted);
        var known = new GtidSet();
        foreach (GtidInterval iv in held.IntervalsOf(oldUuid)) known.AddInterval(oldUuid, iv.Start, iv.End);
        if (oldSource is not null) known.UnionWith(GtidSet.Parse(oldSource.GtidExecuted));
        foreach (ServerStatus other in replicas)
            if (other.Name != candidate.Name)
                known.UnionWith(GtidSet.Parse(other.GtidExecuted).Subtract(Own(other)));
        return held.Subtract(known).ToString();
    }

    private static GtidSet Own(ServerStatus s)
    {
        var own = new GtidSet();
        foreach (GtidInterval iv in GtidSet.Parse(s.GtidExecuted).IntervalsOf(s.Uuid)) own.AddInterval(s.Uuid, iv.Start, iv.End);
        return own;
    }

    /// <summary>
    /// Asks the candidate to report when its SQL thread has applied what it received (server-side,
    /// like WAIT_FOR_EXECUTED_GTID_SET); the tool's own deadline bounds the wait. Whichever comes first decides, once.
    /// </summary>
    private void WaitThenPromote(Plan p, int waitedFor)
    {
        SimTime began = p.R.Now;
        bool decided = false;
        void Decide(bool timedOut, bool lost)
        {
            if (decided) return;
            decided = true;
            if (lost) Refuse(p.R, p.Errant, $"{p.Candidate} went down during failover", p.R.Now - began, waitedFor);
            else Promote(p, p.R.Now - began, waitedFor, timedOut);
        }
        p.R.Ask(p.Candidate, WaitForRelayLogCommand.Instance, options.CatchUpTimeout + StatementTimeout, a => Decide(timedOut: false, lost: !a.Ok));
        p.R.After(options.CatchUpTimeout, () => Decide(timedOut: true, lost: false));
    }

    private void Promote(Plan p, Duration waited, int waitedFor, bool timedOut)
    {
        Recovery r = p.R;
        if (timedOut && options.OnCatchUpTimeout == RelayLogTimeoutAction.Refuse)
        {
            r.Ask(p.Candidate, ShowStatus.Instance, StatementTimeout, a =>
            {
                if (a.Result is not ServerStatus st) { Refuse(r, p.Errant, $"{p.Candidate} went down during failover", waited, waitedFor); return; }
                GaveUp(r, p.Candidate, waited, st.RelayBacklog);
                Refuse(r, p.Errant, $"{p.Candidate} did not apply its relay log within {options.CatchUpTimeout}", waited, waitedFor, st.RelayBacklog, timedOut: true);
            });
            return;
        }
        object[] promote = [StopReplicaCommand.Instance, ResetReplicaAllCommand.Instance, new SetReadOnlyCommand(false)];
        r.AskInOrder(p.Candidate, promote, StatementTimeout, answers =>
        {
            if (answers.Count < promote.Length || !answers[^1].Ok)
            {
                Refuse(r, p.Errant, $"{p.Candidate} went down during failover", waited, waitedFor);
                return;
            }
            int unapplied = (answers[0].Result as ReplicaStopped)?.Unapplied ?? 0;
            if (timedOut) GaveUp(r, p.Candidate, waited, unapplied);
            Repoint(p, repointed =>
            {
                if (options.RedirectClients) r.Publish(new ServiceRoute(p.Candidate, repointed), $"failover: {r.FailedSource} -> {p.Candidate}");
                r.Note($"topology: source is now {p.Candidate} (was {r.FailedSource})");
                r.Finish(new FailoverRecord(r.Now, r.FailedSource, p.Candidate, repointed, p.Errant, null, options.Repoint.ToString(), waited, waitedFor, unapplied, timedOut));
            });
        });
    }

    private void GaveUp(Recovery r, string candidate, Duration waited, int unapplied) =>
        r.Note($"failover: gave up waiting {waited} for {candidate} to apply its relay log ({unapplied} received transaction(s) not applied); " +
               (options.OnCatchUpTimeout == RelayLogTimeoutAction.Refuse ? "not promoting it" : "promoting it anyway, RESET REPLICA ALL discards them"));

    /// <summary>
    /// Points every other replica the tool saw at the new source, all at once: by GTID
    /// auto-positioning, or by the replica's own executed coordinates read just before (a position
    /// in the OLD source's binlog). <paramref name="then"/> gets the ones re-pointed, in definition order.
    /// </summary>
    private void Repoint(Plan p, Action<IReadOnlyList<string>> then)
    {
        var others = p.Replicas.Where(s => s.Name != p.Candidate).ToList();
        var done = new SortedDictionary<int, string?>();
        if (others.Count == 0) { then([]); return; }
        void Done(int i, string? name)
        {
            done[i] = name;
            if (done.Count == others.Count) then(done.Values.Where(n => n is not null).Cast<string>().ToList());
        }
        for (int i = 0; i < others.Count; i++)
        {
            int index = i;
            ServerStatus other = others[i];
            if (options.Repoint == RepointMethod.Gtid && other.GtidMode)
            {
                p.R.Ask(other.Name, new ChangeSourceCommand(p.Candidate, true, Binlog.BinlogCoordinates.None), StatementTimeout, a => Done(index, a.Ok ? other.Name : null));
                continue;
            }
            p.R.Ask(other.Name, ShowStatus.Instance, StatementTimeout, a =>
            {
                if (a.Result is not ServerStatus { Replica: { } st }) { Done(index, null); return; }
                p.R.Ask(other.Name, new ChangeSourceCommand(p.Candidate, false, st.ExecSourceLogPos), StatementTimeout, b => Done(index, b.Ok ? other.Name : null));
            });
        }
    }

    private void Refuse(Recovery r, string errant, string why, Duration waited = default, int waitedFor = 0, int unapplied = 0, bool timedOut = false) =>
        r.Finish(new FailoverRecord(r.Now, r.FailedSource, null, [], errant, why, options.Repoint.ToString(), waited, waitedFor, unapplied, timedOut));
}
