using DetSim.Core;
using DetSim.Core.Nodes;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Clients;
using DetSim.Replication.Failover;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Tests;

/// <summary>Hand-built histories and final states, so each checker can be shown one run where it must fire and one where it must not.</summary>
internal sealed class Histories
{
    private readonly List<Operation> _ops = new();
    private readonly List<ServerSnapshot> _servers = new();
    private readonly List<FailoverRecord> _failovers = new();
    private readonly List<FailoverSnapshot> _snapshots = new();
    private readonly List<ServerDefinition> _definitions = new();
    private long _next;
    private RunResult _result = new(1, RunOutcome.Stopped, 100, SimTime.FromSeconds(5), 0xabc, "settled");

    public const string Uuid = "3e11fa47-71ca-11e1-9e33-c80aa9429562";

    public static Value[] Row(long id, long v) => [Value.Of(id), Value.Of(v)];

    public Histories Insert(long id, long v, OpOutcome outcome = OpOutcome.Ok, long at = 10, string? gtid = null) =>
        Op(["INSERT INTO t (v) VALUES (1)"], false, outcome, at, [], [new RowChange("t", RowChangeKind.Insert, null, Row(id, v))], gtid == "" ? null : gtid ?? $"{Uuid}:{id}");

    public Histories Update(long id, long from, long to, OpOutcome outcome = OpOutcome.Ok, long at = 10, string? gtid = null) =>
        Op([$"UPDATE t SET v = {to} WHERE id = {id}"], false, outcome, at, [], [new RowChange("t", RowChangeKind.Update, Row(id, from), Row(id, to))], gtid);

    public Histories Delete(long id, long v, OpOutcome outcome = OpOutcome.Ok, long at = 10) =>
        Op([$"DELETE FROM t WHERE id = {id}"], false, outcome, at, [], [new RowChange("t", RowChangeKind.Delete, Row(id, v), null)], null);

    /// <summary>Any write (the changes apply only when it was acknowledged).</summary>
    public Histories Write(string sql, OpOutcome outcome = OpOutcome.Ok, long at = 10, string server = "s1", string? gtid = null, params RowChange[] changes) =>
        Op([sql], false, outcome, at, [], changes, gtid, server);

    /// <summary>Any read with the rows it returned.</summary>
    public Histories Select(string sql, string server, long at, params Value[][] rows) =>
        Op([sql], true, OpOutcome.Ok, at, rows, [], null, server);

    public Histories PointRead(string server, long at, long id, params Value[][] rows) =>
        Op([$"SELECT * FROM t WHERE id = {id}"], true, OpOutcome.Ok, at, rows, [], null, server);

    public Histories Read(string server, long at, params Value[][] rows) =>
        Op(["SELECT * FROM t"], true, OpOutcome.Ok, at, rows, [], null, server);

    private Histories Op(string[] sql, bool read, OpOutcome outcome, long at, IReadOnlyList<Value[]> rows, IReadOnlyList<RowChange> changes, string? gtid, string server = "s1")
    {
        long id = ++_next;
        _ops.Add(new Operation(id, "app", 0, server, sql, read, SimTime.FromMillis(at), outcome == OpOutcome.Unknown ? null : SimTime.FromMillis(at + 1),
            outcome, 0, null, rows, outcome == OpOutcome.Ok ? changes : [], outcome == OpOutcome.Ok ? gtid : null));
        return this;
    }

    public Histories Server(string name, string? source, bool isSource, string gtids, ReplicaStatus? status = null, params Value[][] rows)
    {
        var tables = new SortedDictionary<string, IReadOnlyList<Value[]>>(StringComparer.Ordinal) { ["t"] = rows };
        _servers.Add(new ServerSnapshot(name, NodeStatus.Up, isSource, source, tables, gtids, status, 0, 1, null, false) { Uuid = UuidOf(name) });
        return this;
    }

    /// <summary>A server that is down at the end: nothing of its state can be read.</summary>
    public Histories Down(string name, bool isSource = false)
    {
        _servers.Add(new ServerSnapshot(name, NodeStatus.Down, isSource, null, null, null, null, 0, 0, null, false) { Uuid = UuidOf(name) });
        return this;
    }

    /// <summary>Replaces the last server added (read_only, applied counts, ...).</summary>
    public Histories With(Func<ServerSnapshot, ServerSnapshot> change)
    {
        _servers[^1] = change(_servers[^1]);
        return this;
    }

    /// <summary>A server's definition (its options) in the scenario, instead of the default one.</summary>
    public Histories Define(ServerDefinition definition)
    {
        _definitions.Add(definition);
        return this;
    }

    /// <summary>The servers as the harness read them when a failover began at <paramref name="at"/> ms, the directory naming <paramref name="source"/>.</summary>
    public Histories FailoverBegan(long at, string source, params (string Name, string? Gtids, string? ConfiguredSource)[] servers)
    {
        _snapshots.Add(new FailoverSnapshot(SimTime.FromMillis(at), source,
            servers.Select(s => new ServerAtFailover(s.Name, UuidOf(s.Name), s.Gtids is not null, s.Gtids, false, s.ConfiguredSource)).ToArray()));
        return this;
    }

    public Histories Ended(RunOutcome outcome, string? reason = null)
    {
        _result = new RunResult(1, outcome, 100, SimTime.FromSeconds(5), 0xabc, reason);
        return this;
    }

    /// <summary>A stable server_uuid per name: "s1" is <see cref="Uuid"/>, others get their own.</summary>
    public static string UuidOf(string name) =>
        name == "s1" ? Uuid : $"00000000-0000-0000-0000-{string.Concat(name.Select(c => ((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture))).PadLeft(12, '0')}";

    public Histories Failover(string from, string to, string errant = "", string? refused = null, params string[] repointed)
    {
        _failovers.Add(new FailoverRecord(SimTime.FromMillis(500), from, refused is null ? to : null, repointed, errant, refused, "Gtid"));
        return this;
    }

    public static ReplicaStatus Status(string source, int ioErr = 0, int sqlErr = 0) =>
        new(source, true, ioErr != 0 ? ReplicaThreadState.Error : ReplicaThreadState.Running, sqlErr != 0 ? ReplicaThreadState.Error : ReplicaThreadState.Running,
            new BinlogCoordinates("binlog.000001", 4), new BinlogCoordinates("binlog.000001", 4), ioErr, ioErr != 0 ? "Got fatal error 1236" : "", sqlErr, sqlErr != 0 ? "Duplicate entry" : "", "", "", true);

    public RunReport Report(string finalSource = "s1", bool gtid = true)
    {
        var options = new ServerOptions { GtidMode = gtid };
        var scenario = new Scenario
        {
            Servers = _servers.Select(s => _definitions.FirstOrDefault(d => d.Name == s.Name) ?? new ServerDefinition(s.Name, options, s.ConfiguredSource)).ToArray(),
            Tables = [new TableSetup("CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)")],
            StepBudget = 100,
        };
        return new RunReport(scenario, 1, _result, _ops, _servers, _failovers, finalSource, null) { FailoverSnapshots = _snapshots };
    }
}
