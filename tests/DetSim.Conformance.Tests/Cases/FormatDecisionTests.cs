using DetSim.Conformance.Tests.Harness;
using DetSim.Replication.Binlog;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using MySqlConnector;
using Xunit.Abstractions;

namespace DetSim.Conformance.Tests.Cases;

/// <summary>
/// Each statement under STATEMENT, ROW and MIXED on one server: the events it logs (in the model's
/// layout, and MariaDB's own), the 1592 unsafe warning, and the bytes per transaction.
/// </summary>
public class FormatDecisionTests(ITestOutputHelper output)
{
    private static readonly (string Name, BinlogFormat Format)[] Formats = [("STATEMENT", BinlogFormat.Statement), ("ROW", BinlogFormat.Row), ("MIXED", BinlogFormat.Mixed)];

    internal sealed record Logged(string Events, string RawEvents, string Warnings, long Bytes);

    [MariaDbFact]
    public void Statements_log_as_mariadb_logs_them()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        var sizes = new List<string>();
        using var real = new MariaDbCluster([new RealServer("s1", 1)], Workload.RealSetup);
        foreach ((string name, BinlogFormat format) in Formats)
        {
            IReadOnlyList<Logged> r = RunReal(real, name);
            IReadOnlyList<Logged> m = RunModel(format);
            for (int i = 0; i < Workload.Statements.Length; i++)
            {
                string sql = Workload.Statements[i];
                cmp.Add($"{name}: {sql} — events", m[i].Events, r[i].Events);
                cmp.Add($"{name}: {sql} — warnings", m[i].Warnings, r[i].Warnings);
                sizes.Add($"| {name} | {sql} | {m[i].Bytes} | {r[i].Bytes} | {Pct(m[i].Bytes, r[i].Bytes)} |");
            }
            cmp.Add($"{name}: layout of the first transaction", m[0].RawEvents, r[0].RawEvents);
            long mt = m.Sum(x => x.Bytes), rt = r.Sum(x => x.Bytes);
            sizes.Add($"| {name} | all twelve | {mt} | {rt} | {Pct(mt, rt)} |");
            cmp.Add($"{name}: bytes of the twelve transactions within 20%", Within20(mt, rt), "yes");
        }
        foreach (string s in sizes) output.WriteLine(s);
        cmp.Verify();
    }

    /// <summary>The canonical load of the specs: single-row inserts and updates by primary key, and one multi-statement transaction.</summary>
    [MariaDbFact]
    public void Binlog_bytes_of_a_workload_match_per_format()
    {
        var cmp = new Comparison(output, KnownDifferences.Cases);
        string[][] load = [.. Enumerable.Range(1, 40).SelectMany(i => new[] { new[] { $"INSERT INTO t (v) VALUES ({i})" }, new[] { $"UPDATE t SET v = v + 1 WHERE id = {1 + i % 20}" } }),
            ["INSERT INTO t (v) VALUES (1)", "UPDATE t SET v = 2 WHERE id = 1", "DELETE FROM t WHERE id = 2"]];
        using var real = new MariaDbCluster([new RealServer("s1", 1)], Workload.RealSetup);
        foreach ((string name, BinlogFormat format) in Formats)
        {
            using MySqlConnection c = real["s1"].Open();
            MariaDbCluster.Provision(c, ["DROP TABLE IF EXISTS t", "DROP TABLE IF EXISTS u", .. Workload.RealSetup]);
            MariaDbCluster.Exec(c, $"SET SESSION binlog_format = {format}");
            long before = real.Events("s1").Sum(e => e.Size);
            foreach (string[] trx in load)
            {
                using MySqlTransaction? tx = trx.Length > 1 ? c.BeginTransaction() : null;
                foreach (string sql in trx) { using var cmd = new MySqlCommand(sql, c, tx); cmd.ExecuteNonQuery(); }
                tx?.Commit();
            }
            long realBytes = real.Events("s1").Sum(e => e.Size) - before;
            var model = new ScriptedCluster([new ServerDefinition("s1", ServerOptions.ForMariaDb() with { BinlogFormat = format })], Workload.ModelTables);
            long modelBefore = model.Events("s1").Sum(e => (long)e.Event.Size);
            foreach (string[] trx in load) Assert.True(model.Exec("s1", trx).Ok);
            long modelBytes = model.Events("s1").Sum(e => (long)e.Event.Size) - modelBefore;
            output.WriteLine($"| {name} | 40 inserts + 40 updates + 1 three-statement transaction | {modelBytes} | {realBytes} | {Pct(modelBytes, realBytes)} |");
            cmp.Add($"{name}: bytes of the 81-transaction workload within 20%", Within20(modelBytes, realBytes), "yes");
        }
        cmp.Verify();
    }

    internal static string Pct(long model, long real) => real == 0 ? "-" : $"{(model - real) * 100.0 / real:+0;-0;0}%";

    internal static string Within20(long model, long real) => real > 0 && Math.Abs(model - real) * 5 <= real ? "yes" : $"no ({model} vs {real})";

    private static IReadOnlyList<Logged> RunReal(MariaDbCluster real, string format)
    {
        using MySqlConnection c = real["s1"].Open();
        MariaDbCluster.Provision(c, ["DROP TABLE IF EXISTS t", "DROP TABLE IF EXISTS u", .. Workload.RealSetup]);
        MariaDbCluster.Exec(c, $"SET SESSION binlog_format = {format}");
        var logged = new List<Logged>();
        int before = real.Events("s1").Count;
        foreach (string sql in Workload.Statements)
        {
            MariaDbCluster.Exec(c, sql);
            string warnings = string.Join("; ", MariaDbCluster.Query(c, "SHOW WARNINGS").Select(w => $"{w["Level"]} {w["Code"]} {w["Message"]}"));
            List<RealEvent> events = real.Events("s1");
            var mine = events.Skip(before).ToList();
            before = events.Count;
            logged.Add(new Logged(string.Join(" ", mine.SelectMany(EventNames.Raw)), string.Join(" ", mine.SelectMany(EventNames.Raw)), warnings, mine.Sum(e => e.Size)));
        }
        return logged;
    }

    private static IReadOnlyList<Logged> RunModel(BinlogFormat format)
    {
        var model = new ScriptedCluster([new ServerDefinition("s1", ServerOptions.ForMariaDb() with { BinlogFormat = format })], Workload.ModelTables);
        var logged = new List<Logged>();
        int before = model.Events("s1").Count;
        foreach (string sql in Workload.Statements)
        {
            ClientReply reply = model.Exec("s1", sql);
            Assert.True(reply.Ok, $"model: {sql}: {reply.Error}");
            IReadOnlyList<LoggedEvent> events = model.Events("s1");
            var mine = events.Skip(before).ToList();
            before = events.Count;
            string names = string.Join(" ", mine.Select(e => EventNames.Of(e.Event)));
            logged.Add(new Logged(names, names, string.Join("; ", reply.Warnings), mine.Sum(e => (long)e.Event.Size)));
        }
        return logged;
    }
}
