using System.Globalization;
using DetSim.Checking;
using DetSim.Replication.Clients;
using DetSim.Replication.Failover;
using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;
using DetSim.Specs;

namespace DetSim.Cli.Explanation;

/// <summary>One line of the narrative: its section, text, what it marks (for the page), and its time.</summary>
public sealed record NarrativeLine(string Section, string Text, string Kind = "", long? AtMicros = null);

/// <summary>
/// The run in a DBA's words, a few dozen lines: the setup that matters, each fault and when, what
/// every replica had at a crash, the failover's decision and why, and the read or write that broke
/// the invariant with the servers, transactions and times involved.
/// </summary>
public static class Narrative
{
    private const int MaxViolations = 5;
    private const int MaxOpsPerViolation = 3;

    public static IReadOnlyList<NarrativeLine> Build(RunStory story)
    {
        var lines = new List<NarrativeLine>();
        Spec spec = story.Spec;
        SeedOutcome o = story.Outcome;
        lines.Add(new("title", $"{spec.Name}, seed {o.Seed} ({spec.File})"));
        Verdict(story, lines);
        if (story.Report is not { } report) return lines;
        var schemas = MySqlText.Schemas(spec.Scenario);
        Setup(story, report, lines);
        Timeline(story, report, lines);
        Broke(story, report, schemas, lines);
        End(story, report, lines);
        lines.Add(new("replay", $"replay: {SpecJudge.ReplayCommand(spec.File, o.Seed)}  (trace hash {o.TraceHash})"));
        return lines;
    }

    /// <summary>The narrative as plain text, one line each, indented under its section headings.</summary>
    public static string ToText(IReadOnlyList<NarrativeLine> lines)
    {
        var sb = new System.Text.StringBuilder();
        string section = "";
        foreach (NarrativeLine l in lines)
        {
            if (l.Section is "title" or "verdict" or "replay")
            {
                sb.Append(l.Text).Append('\n');
                continue;
            }
            if (l.Section != section)
            {
                section = l.Section;
                sb.Append(Heading(section)).Append('\n');
            }
            sb.Append("  ").Append(l.Text).Append('\n');
        }
        return sb.ToString();
    }

    public static string Heading(string section) => section switch
    {
        "setup" => "Setup:",
        "timeline" => "What happened (simulated time):",
        "broke" => "What broke:",
        "end" => "At the end:",
        _ => section + ":",
    };

    private static void Verdict(RunStory story, List<NarrativeLine> lines)
    {
        SeedOutcome o = story.Outcome;
        if (o.Report is null)
        {
            lines.Add(new("verdict", $"DETSIM BUG (model error): {o.ModelError}. This is a bug in DetSim's model, not a finding about MySQL; nothing was judged.", "error"));
            return;
        }
        string checkedList = string.Join(", ", story.Spec.Check);
        if (o.RunProblem is { } problem)
            lines.Add(new("verdict", $"RUN {o.Kind.ToString().ToUpperInvariant()}: {problem}. Drawn up to where it stopped ({MySqlText.Ms(story.EndMicros)}); what the checkers found is no evidence.", "cut"));
        if (o.Violated)
            lines.Add(new("verdict", $"VIOLATED: {string.Join(", ", o.Violations.Select(v => v.Invariant).Distinct())} (checked: {checkedList})", "violation"));
        foreach (CheckResult c in o.Inconclusive)
            lines.Add(new("verdict", $"INCONCLUSIVE {c.Invariant}: {c.Reason}", "cut"));
        if (!o.Violated && !o.Inconclusive.Any() && o.RunProblem is null)
            lines.Add(new("verdict", $"Every checked invariant held ({checkedList}): nothing broke in this run; the diagram still shows it.", "held"));
    }

    private static void Setup(RunStory story, RunReport report, List<NarrativeLine> lines)
    {
        Scenario sc = story.Spec.Scenario;
        foreach (ServerDefinition s in sc.Servers)
        {
            ServerSnapshot? snap = report.Server(s.Name);
            string role = s.Source is null ? "source" : $"replica of {s.Source}{(s.UsesAutoPosition ? " (GTID auto-position)" : " (binlog file and position)")}";
            string uuid = snap is { Uuid.Length: > 0 } ? $", server_uuid {snap.Uuid}" : "";
            lines.Add(new("setup", $"{s.Name}: {role}; {Settings(s.Options)}{uuid}"));
        }
        foreach (ClientOptions c in sc.Clients)
        {
            var ops = report.History.Where(h => h.Client == c.Name).ToList();
            lines.Add(new("setup", $"client-{c.Name}: {c.Sessions} session(s) to {c.Target}, {ops.Count} requests: {ops.Count(x => x.Outcome == OpOutcome.Ok)} OK, {ops.Count(x => x.Outcome == OpOutcome.Failed)} failed, {ops.Count(x => x.Outcome == OpOutcome.Unknown)} with no reply"));
        }
        if (sc.Faults.Faults.Any(f => f.Fault.Describe() == "failover") || report.Failovers.Count > 0)
        {
            FailoverOptions f = sc.Failover;
            string pick = f.Promote switch { PromotionRule.Named => $"promote {f.Candidate}", PromotionRule.FirstReplica => "promote the first replica", PromotionRule.LeastLag => "promote the replica with the smallest Seconds_Behind_Source", _ => "promote the most advanced replica" };
            lines.Add(new("setup", $"failover tool: {pick}, re-point by {(f.Repoint == RepointMethod.Gtid ? "GTID auto-position" : "the replicas' own binlog coordinates")}, errant GTIDs: {f.ErrantGtids.ToString().ToLowerInvariant()}, waits up to {f.CatchUpTimeout} for the candidate to apply its relay log"));
        }
    }

    private static string Settings(ServerOptions o)
    {
        var parts = new List<string>
        {
            $"gtid_mode={(o.GtidMode ? "ON" : "OFF")}",
            $"binlog_format={o.BinlogFormat.ToString().ToUpperInvariant()}",
            o.SemiSync.Enabled
                ? $"semi-sync {(o.SemiSync.WaitPoint == SemiSyncWaitPoint.AfterSync ? "AFTER_SYNC" : "AFTER_COMMIT")} (wait for {o.SemiSync.WaitForReplicaCount} ACK(s), timeout {o.SemiSync.Timeout})"
                : "async (no semi-sync on the source side)",
            $"sync_binlog={o.SyncBinlog}",
            $"innodb_flush_log_at_trx_commit={(int)o.InnodbFlushLogAtTrxCommit}",
        };
        if (!o.LogReplicaUpdates) parts.Add("log_replica_updates=OFF");
        if (o.AutoIncrementIncrement != 1 || o.AutoIncrementOffset != 1) parts.Add($"auto_increment_increment={o.AutoIncrementIncrement} auto_increment_offset={o.AutoIncrementOffset}");
        if (o.ReplicaParallelWorkers > 1) parts.Add($"replica_parallel_workers={o.ReplicaParallelWorkers} replica_preserve_commit_order={(o.ReplicaPreserveCommitOrder ? "ON" : "OFF")}");
        if (!o.PositionInTable) parts.Add("relay_log_info_repository=FILE");
        if (o.RelayLogRecovery) parts.Add("relay_log_recovery=ON");
        return string.Join(", ", parts);
    }

    private static void Timeline(RunStory story, RunReport report, List<NarrativeLine> lines)
    {
        var seenErrors = new HashSet<string>(StringComparer.Ordinal);
        int failoverIndex = 0;
        var pending = new List<NarrativeLine>();
        foreach (Mark m in story.Marks)
        {
            switch (m.Kind)
            {
                case MarkKind.Crash:
                    lines.Add(new("timeline", $"{MySqlText.Ms(m.Micros)}  {m.Text}", "crash", m.Micros));
                    AtCrash(story, report, m, lines);
                    break;
                case MarkKind.Failover:
                    FailoverRecord? f = failoverIndex < report.Failovers.Count ? report.Failovers[failoverIndex++] : null;
                    // The tool's statements are traced before its summary: print them under the decision.
                    foreach (NarrativeLine p in pending) lines.Remove(p);
                    Failover(report, f, m, lines);
                    lines.AddRange(pending);
                    pending.Clear();
                    break;
                case MarkKind.Restart or MarkKind.Pause or MarkKind.Resume or MarkKind.Partition or MarkKind.Heal or MarkKind.ClockJump or MarkKind.Fault:
                    lines.Add(new("timeline", $"{MySqlText.Ms(m.Micros)}  {m.Text}", m.Kind.ToString().ToLowerInvariant(), m.Micros));
                    break;
                case MarkKind.Error:
                    // The same error repeats on every retry: say it once per server.
                    string key = m.Node + ErrorKey(m.Text);
                    if (!seenErrors.Add(key)) break;
                    lines.Add(new("timeline", $"{MySqlText.Ms(m.Micros)}  {m.Text}", "error", m.Micros));
                    // Name the client write behind the transaction the error is about.
                    if (RunStory.Gtid().Match(m.Text) is { Success: true } g && report.History.FirstOrDefault(h => h.Gtid == g.Value) is { } op)
                        lines.Add(new("timeline", $"   {g.Value} was op#{op.Id} by client-{op.Client} on {op.Server} [{string.Join("; ", op.Sql)}], committed there (OK) at {MySqlText.Ms(op.Completed ?? op.Invoked)}", "error", op.Invoked.Micros));
                    break;
                case MarkKind.Note when m.Text.Contains("CHANGE REPLICATION SOURCE", StringComparison.Ordinal):
                    // The coordinates a failover gave a replica are what a position failover gets wrong.
                    var change = new NarrativeLine("timeline", $"   {m.Text}", "failover", m.Micros);
                    lines.Add(change);
                    pending.Add(change);
                    break;
                case MarkKind.Note when m.Text.Contains("crash recovery", StringComparison.Ordinal) || m.Text.Contains("PURGE BINARY LOGS", StringComparison.Ordinal):
                    lines.Add(new("timeline", $"{MySqlText.Ms(m.Micros)}  {m.Text}", "note", m.Micros));
                    break;
            }
        }
        // A refused failover leaves no failover note in the trace: say so from the record.
        for (; failoverIndex < report.Failovers.Count; failoverIndex++)
        {
            FailoverRecord f = report.Failovers[failoverIndex];
            Failover(report, f, new Mark(-1, f.At.Micros, MarkKind.Failover, null, f.ToString()), lines);
        }
        if (!lines.Any(l => l.Section == "timeline"))
            lines.Add(new("timeline", "no fault struck and no failover ran: the run went as configured", "note"));
    }

    private static string ErrorKey(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string rest = colon < 0 ? text : text[(colon + 1)..];
        return new string(rest.Where(c => !char.IsDigit(c)).ToArray());
    }

    /// <summary>What the crashed server had acknowledged and what each of its replicas had received when it went down.</summary>
    private static void AtCrash(RunStory story, RunReport report, Mark crash, List<NarrativeLine> lines)
    {
        string node = crash.Node!;
        long t = crash.Micros;
        Operation? lastAck = report.History
            .Where(o => o.Server == node && !o.IsRead && o.Acknowledged && o.Completed is { } c && c.Micros <= t)
            .OrderBy(o => o.Completed!.Value.Micros).ThenBy(o => o.Id).LastOrDefault();
        if (lastAck is not null)
            lines.Add(new("timeline", $"   last write {node} acknowledged before it went down: op#{lastAck.Id} {Gtid(lastAck)}[{string.Join("; ", lastAck.Sql)}], OK to client-{lastAck.Client} at {MySqlText.Ms(lastAck.Completed!.Value)}", "crash", lastAck.Completed.Value.Micros));
        int inFlight = report.History.Count(o => o.Server == node && o.Invoked.Micros <= t && (o.Completed is null || o.Completed.Value.Micros > t));
        if (inFlight > 0) lines.Add(new("timeline", $"   {inFlight} request(s) to {node} were in flight: their clients never learn whether they committed", "crash", t));
        foreach (string r in story.ServerNames.Where(n => n != node))
        {
            Message? lastBinlog = story.Messages.LastOrDefault(m => m.From == node && m.To == r && m.Type == "binlog" && m.AtMicros <= t);
            Message? lastAckSent = story.Messages.LastOrDefault(m => m.From == r && m.To == node && m.Type == "ack" && m.AtMicros <= t);
            if (lastBinlog is null && lastAckSent is null) continue;
            string got = lastBinlog is null ? "no binlog from it" : $"binlog up to {Position(lastBinlog.Text)} (last received at {MySqlText.Ms(lastBinlog.AtMicros)})";
            string ack = lastAckSent is null ? "" : $"; its last semi-sync ACK reached {node} at {MySqlText.Ms(lastAckSent.AtMicros)} for {Position(lastAckSent.Text)}";
            lines.Add(new("timeline", $"   {r} had received {got}{ack}", "crash", t));
        }
    }

    private static void Failover(RunReport report, FailoverRecord? f, Mark m, List<NarrativeLine> lines)
    {
        FailoverSnapshot? snap = f is null ? null : report.FailoverSnapshots.LastOrDefault(s => s.At.Micros <= f.At.Micros);
        if (snap is not null)
        {
            string candidates = string.Join("; ", snap.Servers.Where(s => s.Name != (f?.OldSource ?? snap.Source)).Select(s => s.GtidExecuted is null ? $"{s.Name} down" : $"{s.Name} [{(s.GtidExecuted.Length == 0 ? "empty" : s.GtidExecuted)}]"));
            lines.Add(new("timeline", $"{MySqlText.Ms(snap.At)}  failover started (old source {snap.Source ?? f?.OldSource}); candidates' gtid_executed: {candidates}", "failover", snap.At.Micros));
        }
        if (f is null)
        {
            lines.Add(new("timeline", $"{MySqlText.Ms(m.Micros)}  {m.Text}", "failover", m.Micros));
            return;
        }
        if (f.Refused is not null)
        {
            lines.Add(new("timeline", $"{MySqlText.Ms(f.At)}  failover REFUSED to promote: {f.Refused}", "failover", f.At.Micros));
            return;
        }
        string waited = snap is not null && f.At.Micros > snap.At.Micros ? $" after waiting {MySqlText.Ms(f.At.Micros - snap.At.Micros)} for it to apply its relay log" : "";
        string how = f.Method == nameof(RepointMethod.Gtid) ? "GTID auto-position" : "their own binlog coordinates (positions in the OLD source's binlog)";
        lines.Add(new("timeline", $"{MySqlText.Ms(f.At)}  failover promoted {f.NewSource} (was {f.OldSource}){waited}; re-pointed {(f.Repointed.Count == 0 ? "no replica" : string.Join(", ", f.Repointed))} to it by {how}", "failover", f.At.Micros));
        if (f.ErrantGtids.Length > 0)
            lines.Add(new("timeline", $"   {f.NewSource} held errant GTIDs {f.ErrantGtids}: transactions no source made, which the other servers never had", "failover", f.At.Micros));
    }

    private static void Broke(RunStory story, RunReport report, IReadOnlyDictionary<string, TableSchema> schemas, List<NarrativeLine> lines)
    {
        IReadOnlyList<Violation> vs = story.Outcome.Violations;
        foreach (Violation v in vs.Take(MaxViolations))
        {
            lines.Add(new("broke", $"{v.Invariant} at {MySqlText.Ms(v.At)}: {MySqlText.Values(v.Message, schemas)}", "violation", v.At.Micros));
            foreach (long id in v.Operations.Take(MaxOpsPerViolation))
            {
                if (report.History.FirstOrDefault(h => h.Id == id) is not { } op) continue;
                lines.Add(new("broke", "   " + Describe(op, report, schemas), "violation", op.Invoked.Micros));
                if (!op.IsRead && op.Acknowledged && op.Gtid is not null) Whereabouts(op, report, lines);
            }
        }
        if (vs.Count > MaxViolations)
            lines.Add(new("broke", $"... and {vs.Count - MaxViolations} more violation(s) of {string.Join(", ", vs.Skip(MaxViolations).Select(v => v.Invariant).Distinct())} (`detsim run` lists them)", "violation"));
        if (vs.Count == 0) lines.Add(new("broke", story.Outcome.RunProblem is null ? "nothing: every checked invariant held" : "nothing decided: the run was cut short", "held"));
    }

    /// <summary>"client-reader read posts row (266,266) from s1 at 794.747 ms".</summary>
    private static string Describe(Operation op, RunReport report, IReadOnlyDictionary<string, TableSchema> schemas)
    {
        string when = op.Completed is { } c ? $"from {MySqlText.Ms(op.Invoked)} to {MySqlText.Ms(c)}" : $"at {MySqlText.Ms(op.Invoked)}, never answered";
        string outcome = op.Outcome switch
        {
            OpOutcome.Ok => "OK",
            OpOutcome.Failed => $"failed with error {op.ErrorCode}{(op.Error is null ? "" : ": " + op.Error)}",
            _ => "no reply (unknown)",
        };
        string rows = op.IsRead && op.Rows.Count > 0 ? $", read {RowsText(op, schemas)}" : "";
        return $"op#{op.Id} client-{op.Client} session {op.Session} on {op.Server} [{string.Join("; ", op.Sql)}] {when}: {outcome}{rows}{(op.Gtid is null ? "" : $", GTID {op.Gtid}")}";
    }

    private static string RowsText(Operation op, IReadOnlyDictionary<string, TableSchema> schemas)
    {
        TableSchema? schema = schemas.Values.FirstOrDefault(s => op.Sql.Any(q => q.Contains(s.Name, StringComparison.OrdinalIgnoreCase)));
        var shown = op.Rows.Take(4).Select(r => schema is null ? "(" + string.Join(",", r.Select(v => v.ToString())) + ")" : MySqlText.Row(r, schema));
        return string.Join(" ", shown) + (op.Rows.Count > 4 ? $" ... ({op.Rows.Count} rows)" : "");
    }

    /// <summary>Which servers had the acknowledged transaction at each failover and at the end.</summary>
    private static void Whereabouts(Operation op, RunReport report, List<NarrativeLine> lines)
    {
        string[] g = op.Gtid!.Split(':');
        if (g.Length != 2 || !long.TryParse(g[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out long gno)) return;
        foreach (FailoverSnapshot s in report.FailoverSnapshots)
        {
            var has = s.Servers.Where(x => x.GtidExecuted is not null && Has(x.GtidExecuted, g[0], gno)).Select(x => x.Name).ToList();
            var lacks = s.Servers.Where(x => x.GtidExecuted is not null && !Has(x.GtidExecuted, g[0], gno)).Select(x => x.Name).ToList();
            lines.Add(new("broke", $"   when the failover started at {MySqlText.Ms(s.At)}: {op.Gtid} was in gtid_executed of {List(has)}; not of {List(lacks)}", "violation", s.At.Micros));
        }
        var endHas = report.Servers.Where(x => x.GtidExecuted is not null && Has(x.GtidExecuted, g[0], gno)).Select(x => x.Name).ToList();
        var endLacks = report.Servers.Where(x => x.GtidExecuted is not null && !Has(x.GtidExecuted, g[0], gno)).Select(x => x.Name).ToList();
        lines.Add(new("broke", $"   at the end: in {List(endHas)}; missing from {List(endLacks)}{(report.FinalSource is { } fs ? $" (source: {fs})" : "")}", "violation"));
    }

    private static string List(List<string> names) => names.Count == 0 ? "none" : string.Join(", ", names);

    private static bool Has(string gtidSet, string uuid, long gno)
    {
        try
        {
            return GtidSet.Parse(gtidSet).Contains(uuid, gno);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static void End(RunStory story, RunReport report, List<NarrativeLine> lines)
    {
        foreach (ServerSnapshot s in report.Servers)
        {
            string role = s.IsSource ? "source" : s.ConfiguredSource is null ? "standalone" : $"replica of {s.ConfiguredSource}";
            string data = s.GtidExecuted is null ? "" : $", gtid_executed [{s.GtidExecuted}]";
            string repl = s.Replica is { Healthy: false } st ? $"; replication stopped: {st}" : "";
            lines.Add(new("end", $"{s.Name}: {s.Status.ToString().ToLowerInvariant()}, {role}{data}{repl}", s.Replica is { Healthy: false } ? "error" : ""));
        }
        lines.Add(new("end", $"run ended at {MySqlText.Ms(story.EndMicros)} ({report.End.ToString().ToLowerInvariant()}, {report.Result.Steps} steps)", report.End == RunEnd.Settled ? "" : "cut"));
    }

    private static string Gtid(Operation op) => op.Gtid is null ? "" : $"GTID {op.Gtid} ";

    /// <summary>The binlog coordinates ("binlog.000001:438") a binlog, heartbeat or ACK message names.</summary>
    internal static string Position(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"\S+\.\d+:\d+").LastOrDefault()?.Value ?? text;
}
