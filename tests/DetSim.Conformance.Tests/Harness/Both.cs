using DetSim.Replication.Gtid;
using DetSim.Replication.Replica;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;

namespace DetSim.Conformance.Tests.Harness;

/// <summary>
/// One scenario on both sides: the same servers (names, server ids, options) as real mariadbd
/// processes and as model servers, the same statements sent to both, and readers that put what
/// each side shows into the same words.
/// </summary>
internal sealed class Both : IDisposable
{
    public Both(IReadOnlyList<(string Name, uint Id, string? Source, ServerOptions Model, string[] Real)> servers)
    {
        Real = new MariaDbCluster(servers.Select(s => new RealServer(s.Name, s.Id, s.Real)).ToList(), Cases.Workload.RealSetup);
        try
        {
            foreach (var s in servers.Where(s => s.Source is not null)) Real.Replicate(s.Name, s.Source!);
            Model = new ScriptedCluster(servers.Select(s => new ServerDefinition(s.Name, s.Model with { ServerId = s.Id }, s.Source)).ToList(), Cases.Workload.ModelTables);
            foreach (var s in servers.Where(s => s.Source is not null)) Real.WaitSlaveStatus(s.Name, st => st["Slave_IO_Running"] == "Yes");
        }
        catch
        {
            Real.Dispose();
            throw;
        }
    }

    public MariaDbCluster Real { get; }
    public ScriptedCluster Model { get; }

    /// <summary>Runs a statement on both; returns both outcomes ("ok" or "error N").</summary>
    public (string Model, string Real) Exec(string server, string sql)
    {
        ClientReply m = Model.Exec(server, sql);
        string real;
        try
        {
            Real.Exec(server, sql);
            real = "ok";
        }
        catch (MySqlConnector.MySqlException e)
        {
            real = $"error {e.Number}";
        }
        return (m.Ok ? "ok" : $"error {m.Error!.Code}", real);
    }

    /// <summary>Lets both sides settle: the model runs on in simulated time, each real replica waits for its source (MASTER_GTID_WAIT).</summary>
    public void Settle(params (string Replica, string Source)[] links)
    {
        Model.Advance(DetSim.Core.Time.Duration.FromSeconds(2));
        foreach (var (r, s) in links) Real.CaughtUp(r, s);
    }

    public (string Model, string Real) Rows(string server, string table) =>
        (string.Join(" ", Model.Rows(server, table).OrderBy(r => r[0].AsInteger).Select(r => "(" + string.Join(",", r.Select(Show)) + ")")),
         string.Join(" ", Real.Query(server, $"SELECT * FROM {table} ORDER BY 1").Select(r => "(" + string.Join(",", r.Values.Select(v => v ?? "NULL")) + ")")));

    private static string Show(Value v) => v.IsNull ? "NULL" : v.IsText ? v.Text! : v.AsInteger.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The GTID position in MariaDB's words: gtid_current_pos on both sides (the model's from its MariaDB flavour).</summary>
    public (string Model, string Real) Gtids(string server) =>
        (Model.Server(server).MariaDbGtids().CurrentPos, Real.Scalar(server, "SELECT @@gtid_current_pos") ?? "");

    /// <summary>gtid_binlog_pos / gtid_slave_pos / gtid_current_pos, as "binlog=… slave=… current=…" on both sides.</summary>
    public (string Model, string Real) GtidPositions(string server)
    {
        MariaDbGtidPositions m = Model.Server(server).MariaDbGtids();
        var r = Real.Query(server, "SELECT @@gtid_binlog_pos AS b, @@gtid_slave_pos AS s, @@gtid_current_pos AS c")[0];
        return ($"binlog={m.BinlogPos} slave={m.SlavePos} current={m.CurrentPos}", $"binlog={r["b"]} slave={r["s"]} current={r["c"]}");
    }

    /// <summary>SHOW SLAVE STATUS as "IO=… SQL=… io_errno=… sql_errno=…" on both sides.</summary>
    public (string Model, string Real) SlaveStatus(string server)
    {
        ReplicaStatus? m = Model.Server(server).GetReplicaStatus();
        string model = m is null ? "not a replica" : $"IO={Running(m.IoState)} SQL={Running(m.SqlState)} io_errno={m.LastIoErrno} sql_errno={m.LastSqlErrno}";
        var r = Real.SlaveStatus(server);
        string real = r is null ? "not a replica" : $"IO={r["Slave_IO_Running"]} SQL={r["Slave_SQL_Running"]} io_errno={r["Last_IO_Errno"]} sql_errno={r["Last_SQL_Errno"]}";
        return (model, real);
    }

    /// <summary>
    /// PURGE BINARY LOGS up to the current file on both sides. MariaDB skips a file a dump thread
    /// still reads (an old one may not have noticed a stop yet on a busy machine), so the real side
    /// purges again until only the current file is left (<see cref="HangGuard"/>).
    /// </summary>
    public void PurgeToCurrentFile(string source)
    {
        Model.Server(source).PurgeBinaryLogsKeepingLast(1);
        string current = Real.Query(source, "SHOW MASTER STATUS")[0]["File"]!;
        for (var guard = HangGuard.Start(); !HangGuard.Expired(guard); Thread.Sleep(100))
        {
            Real.Exec(source, $"PURGE BINARY LOGS TO '{current}'");
            if (Real.Query(source, "SHOW BINARY LOGS").Count == 1) return;
        }
        throw HangGuard.Hung($"{source}: PURGE BINARY LOGS TO '{current}' still leaves older files");
    }

    public static string Running(ReplicaThreadState s) => s switch
    {
        ReplicaThreadState.Running => "Yes",
        ReplicaThreadState.Connecting => "Connecting",
        _ => "No",
    };

    public void Dispose() => Real.Dispose();
}
