using DetSim.Core;
using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Nodes;
using DetSim.Core.Time;
using DetSim.Harness.Checking;
using DetSim.Harness.Failover;
using DetSim.Harness.History;
using DetSim.Harness.Routing;
using DetSim.Harness.Scenarios;

namespace DetSim.Testing.Tests.Examples;

// A user's own distributed code on DetSim's harness: a primary-backup key-value store, written
// sans-IO against INode, with its own failover policy, history and checker. Nothing here is
// MySQL and nothing in DetSim.Harness was changed for it. The primary has a deliberate bug when
// ackBeforeBackup is set: it acknowledges a write at once and ships it to the backup in a batch
// every 20 ms, so a primary crash followed by a failover loses acknowledged writes.

public sealed record Put(long OpId, long Key, long Value);
public sealed record PutOk(long OpId);
public sealed record PutRefused(long OpId);
public sealed record Replicate(long Key, long Value, long Ticket);
public sealed record Replicated(long Ticket);

/// <summary>Admin command: the server's role and how many keys it holds (reply: <see cref="KvStatus"/>).</summary>
public sealed record WhoAreYou;
/// <summary>Admin command: a backup becomes the primary (it has no backup of its own then).</summary>
public sealed record BecomePrimary;
public sealed record KvStatus(KvRole Role, int Keys);

public enum KvRole : byte { Primary, Backup, Fenced }

/// <summary>
/// One store server. A restarted server comes back fenced: its memory is gone, so it refuses work
/// and is never promoted (it finds the marker it synced to its disk on first boot).
/// </summary>
public sealed class KvServer(KvRole role, bool ackBeforeBackup, string? backup) : INode
{
    private readonly Dictionary<long, long> _data = new();
    private readonly List<Replicate> _batch = new();
    private readonly Dictionary<long, (Connection Client, long OpId)> _waiting = new();
    private KvRole _role = role;
    private string? _backup = backup;
    private Connection? _toBackup;
    private long _tickets;

    public IReadOnlyCollection<long> Keys => _data.Keys;

    public void OnStart(INodeContext context)
    {
        if (context.Disk.Exists("booted")) _role = KvRole.Fenced;
        SimFile marker = context.Disk.OpenOrCreate("booted");
        marker.Overwrite(true, 1);
        marker.Fsync();
        if (_role == KvRole.Primary && ackBeforeBackup) context.SetTimer(Duration.FromMillis(20), 0);
    }

    public void OnMessage(INodeContext context, int from, object message) { }

    public void OnReceive(INodeContext context, Connection connection, object message)
    {
        switch (message)
        {
            case Put put when _role != KvRole.Primary:
                context.Send(connection, new PutRefused(put.OpId));
                break;
            case Put put:
                _data[put.Key] = put.Value;
                var r = new Replicate(put.Key, put.Value, ++_tickets);
                if (_backup is null) context.Send(connection, new PutOk(put.OpId));
                else if (ackBeforeBackup)
                {
                    // The bug: acknowledge now, ship to the backup with the next batch.
                    _batch.Add(r);
                    context.Send(connection, new PutOk(put.OpId));
                }
                else
                {
                    _waiting[r.Ticket] = (connection, put.OpId);
                    context.Send(ToBackup(context), r);
                }
                break;
            case Replicate rep:
                _data[rep.Key] = rep.Value;
                context.Send(connection, new Replicated(rep.Ticket));
                break;
            case Replicated done when _waiting.Remove(done.Ticket, out var w):
                context.Send(w.Client, new PutOk(w.OpId));
                break;
            case AdminRequest { Command: WhoAreYou } ask:
                context.Send(connection, new AdminReply(ask.Id, new KvStatus(_role, _data.Count), null));
                break;
            case AdminRequest { Command: BecomePrimary } ask when _role == KvRole.Backup:
                _role = KvRole.Primary;
                _backup = null;
                context.Send(connection, new AdminReply(ask.Id, new KvStatus(_role, _data.Count), null));
                break;
            case AdminRequest ask:
                context.Send(connection, new AdminReply(ask.Id, null, $"{_role} cannot do {ask.Command.GetType().Name}"));
                break;
        }
    }

    public void OnDisconnected(INodeContext context, Connection connection, CloseReason reason)
    {
        if (connection == _toBackup) _toBackup = null;
    }

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        if (_backup is null) return;
        foreach (Replicate r in _batch) context.Send(ToBackup(context), r);
        _batch.Clear();
        context.SetTimer(Duration.FromMillis(20), 0);
    }

    private Connection ToBackup(INodeContext context) => _toBackup ??= context.Connect(context.Lookup(_backup!));
}

public sealed record WriteInvoked(long OpId, string Server, long Key) : OperationLog.IInvocation;
public sealed record WriteCompleted(long OpId, OpOutcome Outcome) : OperationLog.ICompletion;

/// <summary>A write in the history: the harness's operation plus the key it wrote.</summary>
public sealed record Write(long Id, string Server, long Key, SimTime Invoked, SimTime? Completed, OpOutcome Outcome)
    : HistoryOperation(Id, "writer", 0, Server, false, Invoked, Completed, Outcome, 0, null);

/// <summary>Writes key 1, 2, 3, ... every 5 ms to wherever the service directory says the primary is, and reports each request and its end to the harness.</summary>
public sealed class Writer(IServiceView service) : INode
{
    private static readonly Duration Timeout = Duration.FromMillis(100);
    private readonly Dictionary<long, Connection> _inFlight = new();
    private readonly Dictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private long _next;

    public void OnStart(INodeContext context) => context.SetTimer(Duration.FromMillis(5), 0);

    public void OnMessage(INodeContext context, int from, object message) { }

    public void OnReceive(INodeContext context, Connection connection, object message)
    {
        (long op, OpOutcome outcome) = message switch
        {
            PutOk ok => (ok.OpId, OpOutcome.Ok),
            PutRefused no => (no.OpId, OpOutcome.Failed),
            _ => (0L, OpOutcome.Unknown),
        };
        if (_inFlight.Remove(op)) context.Observe(new WriteCompleted(op, outcome));
    }

    public void OnDisconnected(INodeContext context, Connection connection, CloseReason reason)
    {
        foreach (var kv in _connections.Where(kv => kv.Value == connection).ToList()) _connections.Remove(kv.Key);
        foreach (long op in _inFlight.Where(kv => kv.Value == connection).Select(kv => kv.Key).Order().ToList())
        {
            _inFlight.Remove(op);
            context.Observe(new WriteCompleted(op, OpOutcome.Unknown));
        }
    }

    public void OnTimer(INodeContext context, long tag, object? state)
    {
        if (tag != 0)
        {
            // No reply in time: the write may or may not have happened.
            if (_inFlight.Remove(tag)) context.Observe(new WriteCompleted(tag, OpOutcome.Unknown));
            return;
        }
        if (TargetSelector.Source.Resolve(service.Current, context.Random) is { } server)
        {
            long op = ++_next;
            if (!_connections.TryGetValue(server, out Connection c)) _connections[server] = c = context.Connect(context.Lookup(server));
            _inFlight[op] = c;
            context.Observe(new WriteInvoked(op, server, op));
            context.Send(c, new Put(op, op, op * 10));
            context.SetTimer(Timeout, op);
        }
        if (_next < 200) context.SetTimer(Duration.FromMillis(5), 0);
    }
}

/// <summary>The store's failover policy: promote the server that says it is the backup, then send the writer there.</summary>
public sealed class PromoteTheBackup : IRecoveryPolicy
{
    public object StatusQuery { get; } = new WhoAreYou();

    public void Recover(Recovery recovery)
    {
        string? backup = recovery.Seen.Where(kv => kv.Value is KvStatus { Role: KvRole.Backup }).Select(kv => kv.Key).FirstOrDefault();
        if (backup is null) { recovery.Finish($"no backup of {recovery.FailedSource} answered"); return; }
        recovery.Ask(backup, new BecomePrimary(), Duration.FromMillis(100), answer =>
        {
            if (!answer.Ok) { recovery.Finish($"{backup} did not become primary ({answer.Error ?? answer.Unreachable})"); return; }
            recovery.Publish(new ServiceRoute(backup, []), $"{backup} promoted");
            recovery.Finish($"promoted {backup}");
        });
    }
}

/// <summary>What a run of the store left behind: the history, where the service pointed at the end, and the keys each live server holds.</summary>
public sealed record KvRun(ulong Seed, RunResult Result, IReadOnlyList<Write> History, string? FinalSource, IReadOnlyDictionary<string, IReadOnlyCollection<long>> Keys, IReadOnlyList<object> Failovers) : IRunEvidence
{
    public RunEnd End => RunEnds.Of(Result);

    // What the harness's neutral checkers (Availability<KvRun>) read.
    public string? CutShort => End == RunEnd.Settled ? null : $"run cut short: {End}";
    IReadOnlyList<HistoryOperation> IRunEvidence.Operations => History;
}

/// <summary>Every write the writer saw acknowledged is on the server the service points at after the run (what clients read next).</summary>
public sealed class AckedWritesSurvive : IChecker<KvRun>
{
    public string Name => "acked_writes_survive";
    public string Promise => "every acknowledged write is on the final primary";

    public CheckResult Check(KvRun run)
    {
        if (run.End != RunEnd.Settled) return CheckResult.Inconclusive(Name, $"the run did not settle ({run.End})");
        if (run.FinalSource is null || !run.Keys.TryGetValue(run.FinalSource, out var keys)) return CheckResult.Inconclusive(Name, $"the final primary {run.FinalSource} is down");
        var lost = run.History.Where(w => w.Acknowledged && !keys.Contains(w.Key)).ToList();
        return CheckResult.Of(Name, lost.Count == 0 ? [] :
            [new Violation(Name, lost[0].Completed!.Value, $"acknowledged keys missing on {run.FinalSource}: {string.Join(", ", lost.Select(w => w.Key))}", lost.Select(w => w.Id).ToArray(), [run.FinalSource])]);
    }
}

/// <summary>Builds and runs the store on the harness: nodes, a crash nemesis on the primary, the failure detector and failover tool, then heal, settle and a liveness deadline.</summary>
public static class PrimaryBackupCluster
{
    public static KvRun Run(ulong seed, bool ackBeforeBackup)
    {
        var sim = new Simulation(new SimulationOptions { Seed = seed });
        var directory = new ServiceDirectory("primary", ["backup"], () => sim.Now);
        var failovers = new List<object>();
        sim.AddNode("primary", () => new KvServer(KvRole.Primary, ackBeforeBackup, backup: "backup"));
        sim.AddNode("backup", () => new KvServer(KvRole.Backup, ackBeforeBackup, backup: null));
        sim.AddNode("writer", () => new Writer(directory));
        sim.AddNode("failover", () => new FailoverNode(["primary", "backup"], new PromoteTheBackup(), directory, failovers.Add));

        // The primary crashes and stays down 1-2 s: long enough for the detector (100 ms) to fail over.
        var nemesis = new NemesisOptions { Nodes = ["primary"], CrashWeight = 1, PartitionWeight = 0, Start = SimTime.FromMillis(10), End = SimTime.FromMillis(900), MeanGap = Duration.FromMillis(300), DownMin = Duration.FromSeconds(1) };
        Nemesis.Draw(sim.Stream("nemesis"), nemesis).ApplyTo(sim);
        var recovered = new HashSet<string>(StringComparer.Ordinal);
        FailoverNode Tool() => (FailoverNode)sim.InstanceOf(sim.Require("failover"))!;
        FailureDetector.Watch(sim, Duration.FromMillis(100), () => directory.Source, recovered.Contains, () =>
        {
            recovered.Add(directory.Source!);
            Tool().Recover(directory.Source!);
        });

        var plan = new PhasePlan(HealAt: SimTime.FromSeconds(1), SettleNotBefore: SimTime.FromMillis(1200), ConvergeBy: SimTime.FromSeconds(5), StepBudget: 1_000_000);
        RunResult result = Phases.Run(sim, plan, s => !Tool().Busy && s.StatusOf(s.Require(directory.Source!)) == NodeStatus.Up);

        IReadOnlyList<Write> history = OperationLog.Pair<WriteInvoked, WriteCompleted, Write>(sim, (id, obs, inv, end) =>
            new Write(id, inv.Server, inv.Key, obs.Time, end?.Obs.Time, end?.Op.Outcome ?? OpOutcome.Unknown));
        var keys = new SortedDictionary<string, IReadOnlyCollection<long>>(StringComparer.Ordinal);
        foreach (string name in new[] { "primary", "backup" })
            if (sim.InstanceOf(sim.Require(name)) is KvServer s) keys[name] = s.Keys.ToHashSet();
        return new KvRun(seed, result, history, directory.Source, keys, failovers);
    }
}
