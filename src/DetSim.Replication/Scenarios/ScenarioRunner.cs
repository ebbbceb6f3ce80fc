using DetSim.Harness.History;
using DetSim.Core;
using DetSim.Core.Faults;
using DetSim.Core.Nodes;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Failover;
using DetSim.Replication.Replica;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Scenarios;

/// <summary>
/// Runs one scenario under one seed: builds the servers, clients, network and faults in a
/// <see cref="Simulation"/>, lets the workload and faults play until the heal time, heals the
/// network and lets the cluster settle (every live replica caught up, or stuck on an error), then
/// takes a snapshot for the checkers.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>The stop reason of a run whose cluster settled.</summary>
    public const string SettledReason = Phases.SettledReason;

    /// <summary>
    /// The scenario's phases: faults and load until the heal (by default when the last client
    /// finishes), settle checks from three seconds after the load, the time limit as the liveness deadline.
    /// </summary>
    public static PhasePlan PlanOf(Scenario scenario)
    {
        SimTime clientsEnd = ClientsEnd(scenario);
        return new PhasePlan(scenario.HealAt ?? clientsEnd, clientsEnd + Duration.FromSeconds(3), scenario.TimeLimit, scenario.StepBudget);
    }

    private static SimTime ClientsEnd(Scenario scenario) =>
        scenario.Clients.Count == 0 ? SimTime.FromSeconds(1) : scenario.Clients.Max(c => c.Start + c.Duration);

    /// <param name="choices">Replaces the seeded choice source (a recorded trace, or Coyote); the seed still names the run.</param>
    public static RunReport Run(Scenario scenario, ulong seed, ISqlDialect sql, IFailoverProcedure? failover = null, Core.Random.IChoiceSource? choices = null)
    {
        IReadOnlyList<string> errors = scenario.Validate();
        if (errors.Count > 0) throw new ScenarioException(errors);

        // What the last run on this thread left in the digest caches would otherwise live on into
        // this run and be promoted with it: with it forgotten, the bug-hunt seeds need no gen2 collection.
        Digests.ForgetRun();
        var sim = new Simulation(new SimulationOptions { Seed = seed, Choices = choices, Network = scenario.Network, CaptureTrace = scenario.CaptureTrace,
            KeepObservations = false }); // the history and applied counts take them as they come
        RedoBaseline baseline = Baseline(scenario, sql);
        ServerDefinition? source = scenario.Servers.FirstOrDefault(s => s.Source is null) ?? scenario.Servers[0];
        var directory = new ServiceDirectory(source.Name, scenario.Servers.Where(s => s.Source == source.Name).Select(s => s.Name), () => sim.Now);

        foreach (ServerDefinition def in scenario.Servers)
        {
            ReplicaSource? initial = def.Source is null ? null
                : def.UsesAutoPosition ? ReplicaSource.ByGtid(def.Source) : ReplicaSource.ByPosition(def.Source, new Binlog.BinlogCoordinates("binlog.000001", 4));
            var setup = new ServerSetup(def.Name, def.Options, baseline, initial, sql);
            sim.AddNode(def.Name, () => new MySqlServer(setup), new NodeClock(def.ClockOffset, def.ClockDriftPpm));
        }
        foreach (ClientOptions client in scenario.Clients)
            sim.AddNode("client-" + client.Name, () => new ClientNode(client, directory));
        foreach (LinkOverride link in scenario.Links)
            sim.Network.Configure(sim.Require(link.From), sim.Require(link.To), link.Options);

        IFailoverProcedure procedure = failover ?? new OrchestratorFailover(scenario.Failover);
        ClusterControl cluster = null!;
        // The failover tool is a node of its own, added last (the other nodes keep their numbers),
        // and only to runs that can fail over, so runs without failover trace as before.
        if (procedure is OrchestratorFailover tool && CanFailOver(scenario))
            sim.AddNode(OrchestratorFailover.NodeName, () => tool.CreateNode(scenario.Servers, () => cluster));
        var watch = new FailoverWatch(procedure);
        cluster = new ClusterControl(sim, scenario.Servers, directory, watch);
        sim.SetService(cluster);
        scenario.Faults.ApplyTo(sim);
        if (scenario.Nemesis is { } nemesis) Nemesis.Draw(sim.Stream("nemesis"), nemesis).ApplyTo(sim);

        if (scenario.Failover.DetectAfter is { } detect)
            FailureDetector.Watch(sim, detect, () => cluster.Directory.Source, src => cluster.FailoverInProgress is not null || cluster.FailoverStartedFor(src), cluster.RunFailover);

        // Counted and paired as the run observes them, not by a walk over every observation at the end.
        var applied = new AppliedCounts();
        sim.OnObserved(applied.Add);
        var history = OperationLog.Attach<OpInvoked, OpCompleted, Operation>(sim, MakeOperation);

        RunResult result;
        try
        {
            result = Phases.Run(sim, PlanOf(scenario), _ => Settled(cluster, scenario));
        }
        catch (InvariantViolatedException e) when (e.At is null)
        {
            // Say when, and (with a captured trace) what led there: the way to debug DetSim itself.
            string? last = scenario.CaptureTrace ? string.Join("\n", sim.Trace.ToText().Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(40)) : null;
            throw new InvariantViolatedException($"{e.Message} at {sim.Now}") { At = sim.Now, LastSteps = last };
        }
        var servers = scenario.Servers.Select(d =>
        {
            int i = sim.IndexOf(d.Name);
            AppliedLog log = applied.Of(i);
            return ServerSnapshot.Of(d.Name, sim.StatusOf(i), cluster.Server(d.Name), directory.Source == d.Name) with
            {
                Uuid = cluster.UuidOf(d.Name),
                Applied = log.Commits,
                ExecutedAfterCommit = log.AgainAfterCommit,
            };
        }).ToList();
        return new RunReport(scenario, seed, result, history.Build(), servers, cluster.Failovers, directory.Source,
            scenario.CaptureTrace ? sim.Trace.ToText() : null)
        {
            FailoverSnapshots = watch.Snapshots,
            CrashPointsNotFired = CrashPointLedger.Find(sim)?.NotFired ?? [],
        };
    }

    /// <summary>A failover can happen: the failure detector watches, or the fault plan runs one.</summary>
    private static bool CanFailOver(Scenario scenario) =>
        scenario.Failover.DetectAfter is not null || scenario.Faults.Faults.Any(f => f.Fault is FailoverFault);

    private sealed class AppliedLog
    {
        // Hashed, not sorted: every applied transaction of the run passes through here (ExactlyOnceApply sorts what it reports).
        public Dictionary<string, int> Commits { get; } = new(StringComparer.Ordinal);
        public List<string> AgainAfterCommit { get; } = new();
    }

    /// <summary>Per server node: its applier's commits per transaction, and re-executions of committed ones (observed, so crashes do not reset them).</summary>
    private sealed class AppliedCounts
    {
        private readonly Dictionary<int, AppliedLog> _logs = new();

        public AppliedLog Of(int node) => _logs.GetValueOrDefault(node) ?? new AppliedLog();

        public void Add(Observation o)
        {
            if (o.Value is not TransactionApplied t) return;
            if (!_logs.TryGetValue(o.Node, out AppliedLog? log)) _logs[o.Node] = log = new AppliedLog();
            if (t.Committed)
            {
                // One hash of the key per commit, not a read and then a write.
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(log.Commits, t.Transaction, out _)++;
            }
            else if (log.Commits.ContainsKey(t.Transaction) && !log.AgainAfterCommit.Contains(t.Transaction))
            {
                log.AgainAfterCommit.Add(t.Transaction);
            }
        }
    }

    private static RedoBaseline Baseline(Scenario scenario, ISqlDialect sql)
    {
        var tables = new List<(TableSchema, IReadOnlyList<Value[]>)>();
        foreach (TableSetup t in scenario.Tables)
        {
            TableSchema schema = sql.ParseCreateTable(t.CreateSql);
            var rows = new List<Value[]>(t.Rows);
            for (int id = 1; id <= t.Rows; id++)
                rows.Add(schema.Columns.Select((c, i) => i == 0 ? Value.Of(id) : c.Type == ColumnType.Varchar ? Value.Of("") : Value.Of(0)).ToArray());
            tables.Add((schema, rows));
        }
        return new RedoBaseline(tables);
    }

    private static Operation MakeOperation(long id, Observation obs, OpInvoked inv, (Observation Obs, OpCompleted Op)? end) => end is { } c
        ? new Operation(id, inv.Client, inv.Session, inv.Server, inv.Sql, inv.IsRead, obs.Time, c.Obs.Time, c.Op.Outcome, c.Op.ErrorCode, c.Op.ErrorMessage, c.Op.Rows, c.Op.Changes, c.Op.Gtid)
        : new Operation(id, inv.Client, inv.Session, inv.Server, inv.Sql, inv.IsRead, obs.Time, null, OpOutcome.Unknown, 0, "run ended before a reply", [], [], null);

    /// <summary>Nothing can change any more: every live server quiet and caught up (or stuck on an error), no failover pending.</summary>
    private static bool Settled(ClusterControl cluster, Scenario scenario)
    {
        // A source that is down while the failure detector watches will still be failed over.
        if (cluster.FailoverInProgress is not null) return false;
        if (scenario.Failover.DetectAfter is not null && cluster.Directory.Source is { } src && cluster.Server(src) is null && !cluster.FailoverStartedFor(src)) return false;
        foreach (ServerDefinition def in scenario.Servers)
        {
            MySqlServer? server = cluster.Server(def.Name);
            if (server is null) continue;
            if (!server.Quiet) return false;
            ReplicaStatus? st = server.GetReplicaStatus();
            if (st is null || !st.Healthy) continue;
            MySqlServer? source = cluster.Server(st.SourceHost);
            if (source is null) continue;
            if (st.IoState != ReplicaThreadState.Running || st.ReadSourceLogPos < source.PublishedBinlogEnd) return false;
        }
        return true;
    }
}

/// <summary>A scenario that cannot run, with every reason.</summary>
public sealed class ScenarioException(IReadOnlyList<string> errors) : Exception(string.Join("; ", errors))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
