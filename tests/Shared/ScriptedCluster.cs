using DetSim.Core;
using DetSim.Core.Disk;
using DetSim.Core.Nodes;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Clients;
using DetSim.Replication.Engine;
using DetSim.Replication.Failover;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Tests.Shared;

/// <summary>
/// A model cluster driven step by step, as a DBA drives one: servers built as ScenarioRunner builds
/// them (baseline tables, initial sources by GTID), a scripted client, simulated time run forward
/// between the test's actions. Compiled into the replication tests and, as the model side of each
/// comparison, into the conformance tests (tests/Shared, linked by both projects).
/// </summary>
internal sealed class ScriptedCluster
{
    private readonly Simulation _sim;
    private readonly ScriptClient _client = new();

    public ScriptedCluster(IReadOnlyList<ServerDefinition> servers, IReadOnlyList<TableSetup> tables, ulong seed = 1)
    {
        _sim = new Simulation(new SimulationOptions { Seed = seed });
        var rows = new List<(TableSchema, IReadOnlyList<Value[]>)>();
        foreach (TableSetup t in tables) rows.Add((MySqlDialect.Instance.ParseCreateTable(t.CreateSql), ScriptedBaseline.Rows(MySqlDialect.Instance.ParseCreateTable(t.CreateSql), t.Rows)));
        var baseline = new RedoBaseline(rows);
        foreach (ServerDefinition def in servers)
        {
            ReplicaSource? initial = def.Source is null ? null : ReplicaSource.ByGtid(def.Source);
            var setup = new ServerSetup(def.Name, def.Options, baseline, initial, MySqlDialect.Instance);
            _sim.AddNode(def.Name, () => new MySqlServer(setup));
        }
        _sim.AddNode("client", () => _client);
        ServerDefinition source = servers.FirstOrDefault(s => s.Source is null) ?? servers[0];
        var directory = new ServiceDirectory(source.Name, servers.Where(s => s.Source == source.Name).Select(s => s.Name));
        _sim.SetService(new ClusterControl(_sim, servers, directory, new OrchestratorFailover(new FailoverOptions())));
        Advance(Duration.FromMillis(50));
    }

    public SimTime Now => _sim.Now;

    /// <summary>Lets simulated time pass.</summary>
    public void Advance(Duration d) => _sim.Run(new RunLimits { TimeLimit = _sim.Now + d });

    /// <summary>Runs one transaction (one statement: autocommit) and waits for its reply.</summary>
    public ClientReply Exec(string server, params string[] sql)
    {
        long id = _client.Send(server, sql);
        for (int i = 0; i < 30_000; i++)
        {
            if (_client.Reply(id) is { } r) return r;
            Advance(Duration.FromMillis(1));
        }
        throw new InvalidOperationException($"model: no reply from {server} to [{string.Join("; ", sql)}] in 30 s of simulated time");
    }

    /// <summary>Sends a transaction on another session without waiting; <see cref="Reply"/> reads its answer once it came.</summary>
    public long Send(string server, int session, params string[] sql) => _client.Send(server, session, sql);

    public ClientReply? Reply(long id) => _client.Reply(id);

    public MySqlServer Server(string name) => _sim.InstanceOf(_sim.Require(name)) as MySqlServer
        ?? throw new InvalidOperationException($"model: {name} is not running");

    /// <summary>kill -9: the process dies, the OS keeps what it was given (the page cache survives).</summary>
    public void Kill(string name) => _sim.Crash(_sim.Require(name), CrashMode.ProcessCrash);

    /// <summary>A power loss: what was not fsynced is gone.</summary>
    public void PowerLoss(string name) => _sim.Crash(_sim.Require(name), CrashMode.DropUnsynced);

    public void Restart(string name) => _sim.Restart(_sim.Require(name));

    /// <summary>SHOW BINLOG EVENTS over every file, as the model logged them.</summary>
    public IReadOnlyList<LoggedEvent> Events(string name)
    {
        MySqlServer s = Server(name);
        return s.BinlogFiles.SelectMany(f => s.Binlog.Read(f)).ToList();
    }

    public IReadOnlyList<Value[]> Rows(string server, string table) =>
        Server(server).Tables.First(t => t.Schema.Name.Equals(table, StringComparison.OrdinalIgnoreCase)).Rows.ToArray();
}

/// <summary>The provisioned rows ScenarioRunner gives a table: ids 1..n, other columns zero or empty.</summary>
internal static class ScriptedBaseline
{
    public static IReadOnlyList<Value[]> Rows(TableSchema schema, int n) =>
        Enumerable.Range(1, n).Select(id => schema.Columns.Select((c, i) => i == 0 ? Value.Of(id) : c.Type == ColumnType.Varchar ? Value.Of("") : Value.Of(0)).ToArray()).ToList();
}
