using System.Diagnostics;
using MySqlConnector;

namespace DetSim.Conformance.Tests.Harness;

/// <summary>A server to start: its name, server_id and extra mariadbd options (--binlog-format=ROW, …).</summary>
internal sealed record RealServer(string Name, uint ServerId, params string[] Options);

/// <summary>
/// N mariadbd processes in one temp directory, provisioned from one template datadir, with the
/// tables every server starts with created outside the binlog (as the model's baseline is restored
/// from one backup), and helpers to wire GTID replication and read the servers.
/// Dispose kills the processes it started and deletes the directory.
/// </summary>
internal sealed class MariaDbCluster : IDisposable
{
    private static readonly Lazy<string> Template = new(MakeTemplate, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly Dictionary<string, MariaDbServer> _servers = new(StringComparer.Ordinal);
    private readonly string _root;

    /// <param name="setup">Statements every server runs before replication starts, outside its binlog (CREATE TABLE, the baseline rows).</param>
    public MariaDbCluster(IReadOnlyList<RealServer> servers, IReadOnlyList<string> setup)
    {
        _root = NewTempDir("detsim-mariadb-");
        try
        {
            foreach (RealServer s in servers)
            {
                string dir = Path.Combine(_root, s.Name);
                CopyDirectory(Template.Value, Path.Combine(dir, "data"));
                var server = new MariaDbServer(s.Name, s.ServerId, dir, s.Options);
                _servers.Add(s.Name, server);
                server.Start();
                using MySqlConnection c = server.Open();
                Provision(c, setup);
                // The binlog starts empty, as the model's does: no GTID, no event from the provisioning.
                Exec(c, "RESET MASTER");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public MariaDbServer this[string name] => _servers[name];

    /// <summary>Runs <paramref name="setup"/> outside the binlog.</summary>
    public static void Provision(MySqlConnection c, IReadOnlyList<string> setup)
    {
        Exec(c, "SET SESSION sql_log_bin = 0");
        foreach (string sql in setup) Exec(c, sql);
        Exec(c, "SET SESSION sql_log_bin = 1");
    }

    /// <summary>The model's baseline rows (ids 1..n, v = 0) as one INSERT.</summary>
    public static string BaselineRows(string table, int n) =>
        $"INSERT INTO {table} (id, v) VALUES " + string.Join(", ", Enumerable.Range(1, n).Select(i => $"({i}, 0)"));

    private static string NewTempDir(string prefix)
    {
        string dir = Path.Combine(Path.GetTempPath(), prefix + Path.GetRandomFileName().Replace(".", "", StringComparison.Ordinal));
        Directory.CreateDirectory(dir);
        Cleanup.Track(dir);
        return dir;
    }

    /// <summary>
    /// mariadb-install-db once per installed mariadbd; every server copies the result (seconds saved
    /// per server). The template is a cache kept in the temp directory under a name keyed by the
    /// binary, so runs reuse it instead of leaving one behind each (a test host may be killed before
    /// its exit handlers run).
    /// </summary>
    private static string MakeTemplate()
    {
        var bin = new FileInfo(MariaDbBinaries.Server!);
        string final = Path.Combine(Path.GetTempPath(), $"detsim-mariadb-template-{bin.Length:x}-{bin.LastWriteTimeUtc.Ticks:x}");
        if (Directory.Exists(Path.Combine(final, "data", "test"))) return Path.Combine(final, "data");
        string root = NewTempDir("detsim-mariadb-template-new-");
        string data = Path.Combine(root, "data");
        var psi = new ProcessStartInfo(MariaDbBinaries.InstallDb!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in new[]
                 {
                     "--no-defaults", $"--datadir={data}", "--auth-root-authentication-method=normal", "--user=root", "--skip-test-db",
                     "--innodb-log-file-size=4M", "--innodb-data-file-path=ibdata1:4M:autoextend", "--innodb-buffer-pool-size=16M",
                 })
            psi.ArgumentList.Add(a);
        using Process p = Process.Start(psi) ?? throw new InvalidOperationException("mariadb-install-db did not start");
        Cleanup.Track(p);
        string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        Cleanup.Untrack(p);
        if (p.ExitCode != 0) throw new InvalidOperationException($"mariadb-install-db failed ({p.ExitCode}): {output}");
        Directory.CreateDirectory(Path.Combine(data, "test")); // a directory in the datadir is a database
        try
        {
            Directory.Move(root, final);
        }
        catch (IOException)
        {
            // Another test run made it first: use theirs.
            Cleanup.Delete(root);
            return Path.Combine(final, "data");
        }
        Cleanup.Forget(root);
        return Path.Combine(final, "data");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)));
        foreach (string d in Directory.GetDirectories(from)) CopyDirectory(d, Path.Combine(to, Path.GetFileName(d)));
    }

    // ---- SQL --------------------------------------------------------------------------------------

    public static void Exec(MySqlConnection c, string sql)
    {
        using var cmd = new MySqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }

    public static List<Dictionary<string, string?>> Query(MySqlConnection c, string sql)
    {
        using var cmd = new MySqlCommand(sql, c);
        using MySqlDataReader r = cmd.ExecuteReader();
        var rows = new List<Dictionary<string, string?>>();
        while (r.Read())
        {
            var row = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            for (int i = 0; i < r.FieldCount; i++) row[r.GetName(i)] = r.IsDBNull(i) ? null : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            rows.Add(row);
        }
        return rows;
    }

    public string? Scalar(string server, string sql)
    {
        using MySqlConnection c = _servers[server].Open();
        return Query(c, sql).FirstOrDefault()?.Values.FirstOrDefault();
    }

    public void Exec(string server, string sql)
    {
        using MySqlConnection c = _servers[server].Open();
        Exec(c, sql);
    }

    public List<Dictionary<string, string?>> Query(string server, string sql)
    {
        using MySqlConnection c = _servers[server].Open();
        return Query(c, sql);
    }

    /// <summary>CHANGE MASTER TO … MASTER_USE_GTID=slave_pos; START SLAVE.</summary>
    public void Replicate(string replica, string source, bool start = true)
    {
        Exec(replica, $"CHANGE MASTER TO MASTER_HOST='127.0.0.1', MASTER_PORT={_servers[source].Port}, MASTER_USER='root', MASTER_PASSWORD='', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1");
        if (start) Exec(replica, "START SLAVE");
    }

    /// <summary>Waits until <paramref name="replica"/> has applied everything <paramref name="source"/> has binlogged (MASTER_GTID_WAIT).</summary>
    /// It stops waiting only when the replica has caught up or its applier has stopped (an error), or at
    /// <see cref="HangGuard"/>, which no verdict depends on.
    public bool CaughtUp(string replica, string source)
    {
        string pos = Scalar(source, "SELECT @@gtid_binlog_pos") ?? "";
        if (pos.Length == 0) return true;
        var guard = HangGuard.Start();
        while (!HangGuard.Expired(guard))
        {
            if (Scalar(replica, $"SELECT MASTER_GTID_WAIT('{pos}', 1)") == "0") return true;
            // A stopped applier, or a receiver that stopped for good (not one still connecting), never catches up.
            if (SlaveStatus(replica) is not { } st || st["Slave_SQL_Running"] != "Yes" || st["Slave_IO_Running"] == "No") return false;
        }
        throw HangGuard.Hung($"{replica}, not caught up with {source}");
    }

    /// <summary>Far above anything a loopback server takes; only a hang reaches it.</summary>
    public Dictionary<string, string?>? SlaveStatus(string replica) => Query(replica, "SHOW SLAVE STATUS").FirstOrDefault();

    /// <summary>Polls SHOW SLAVE STATUS until <paramref name="done"/> holds (up to <see cref="HangGuard"/>); returns that status.</summary>
    public Dictionary<string, string?>? WaitSlaveStatus(string replica, Func<Dictionary<string, string?>, bool> done)
    {
        var guard = HangGuard.Start();
        while (!HangGuard.Expired(guard))
        {
            Dictionary<string, string?>? st = SlaveStatus(replica);
            if (st is not null && done(st)) return st;
            Thread.Sleep(50);
        }
        throw HangGuard.Hung($"{replica}: SHOW SLAVE STATUS, never in the awaited state");
    }

    public List<string> Rows(string server, string table) =>
        Query(server, $"SELECT * FROM {table} ORDER BY 1").Select(r => string.Join(",", r.Values)).ToList();

    /// <summary>SHOW BINLOG EVENTS of every file still on the server.</summary>
    public List<RealEvent> Events(string server)
    {
        var events = new List<RealEvent>();
        foreach (var log in Query(server, "SHOW BINARY LOGS"))
            foreach (var e in Query(server, $"SHOW BINLOG EVENTS IN '{log["Log_name"]}'"))
                events.Add(new RealEvent(e["Log_name"]!, long.Parse(e["Pos"]!, System.Globalization.CultureInfo.InvariantCulture),
                    long.Parse(e["End_log_pos"]!, System.Globalization.CultureInfo.InvariantCulture), e["Event_type"]!, e["Info"] ?? ""));
        return events;
    }

    public void Dispose()
    {
        foreach (MariaDbServer s in _servers.Values) s.Kill9();
        Cleanup.Delete(_root);
    }
}

/// <summary>One row of SHOW BINLOG EVENTS.</summary>
internal sealed record RealEvent(string File, long Pos, long End, string Type, string Info)
{
    public long Size => End - Pos;
}
