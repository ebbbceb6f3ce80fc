using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace DetSim.Conformance.Tests.Harness;

/// <summary>
/// One mariadbd this harness started: its own datadir under the cluster's temp directory, a free
/// port on 127.0.0.1 (and nothing else), --no-defaults so no system configuration leaks in.
/// </summary>
internal sealed class MariaDbServer
{
    private readonly IReadOnlyList<string> _options;
    private Process? _process;

    public MariaDbServer(string name, uint serverId, string dir, IReadOnlyList<string> options)
    {
        Name = name;
        ServerId = serverId;
        Dir = dir;
        _options = options;
        Port = FreePort();
    }

    public string Name { get; }
    public uint ServerId { get; }
    public string Dir { get; }
    public int Port { get; }
    public string DataDir => Path.Combine(Dir, "data");
    public bool Running => _process is { HasExited: false };
    public int? Pid => _process?.Id;

    /// <summary>A port the kernel just handed out on the loopback interface.</summary>
    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Start()
    {
        if (Running) return;
        var psi = new ProcessStartInfo(MariaDbBinaries.Server!)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in Arguments()) psi.ArgumentList.Add(a);
        _process = Process.Start(psi) ?? throw new InvalidOperationException($"{Name}: mariadbd did not start");
        Cleanup.Track(_process);
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        WaitReady();
    }

    private IEnumerable<string> Arguments()
    {
        yield return "--no-defaults";
        yield return "--user=root";
        yield return $"--datadir={DataDir}";
        yield return $"--port={Port}";
        yield return "--bind-address=127.0.0.1";
        yield return $"--socket={Path.Combine(Dir, "mysqld.sock")}";
        // Its own temporary directory: with the shared /tmp, a CI run lost an internal temporary table's
        // file mid-query ("Error on delete of '/tmp/#sql-temptable-...MAI' (Errcode: 2)").
        yield return $"--tmpdir={Directory.CreateDirectory(Path.Combine(Dir, "tmp")).FullName}";
        yield return $"--pid-file={Path.Combine(Dir, "mysqld.pid")}";
        yield return $"--log-error={Path.Combine(Dir, "error.log")}";
        yield return $"--server-id={ServerId}";
        yield return "--log-bin=binlog";
        yield return "--relay-log=relay-bin";
        yield return "--skip-name-resolve";
        yield return "--innodb-buffer-pool-size=16M";
        yield return "--innodb-log-file-size=4M";
        yield return "--innodb-data-file-path=ibdata1:4M:autoextend";
        yield return "--max-connections=50";
        foreach (string o in _options) yield return o;
    }

    /// <summary>
    /// Polls until the server accepts connections, up to <see cref="HangGuard"/>.
    /// </summary>
    private void WaitReady()
    {
        var guard = HangGuard.Start();
        while (!HangGuard.Expired(guard))
        {
            if (_process!.HasExited) throw new InvalidOperationException($"{Name}: mariadbd exited with {_process.ExitCode}: {ErrorLogTail()}");
            try
            {
                using MySqlConnection c = Open();
                return;
            }
            catch (MySqlException) { Thread.Sleep(100); }
        }
        throw HangGuard.Hung($"{Name}: mariadbd, not ready: {ErrorLogTail()}");
    }

    public string ErrorLogTail()
    {
        string log = Path.Combine(Dir, "error.log");
        return File.Exists(log) ? string.Join("\n", File.ReadAllLines(log).TakeLast(10)) : "(no error log)";
    }

    public MySqlConnection Open()
    {
        // Connect and command timeouts are hang guards far above what a loopback server needs.
        var c = new MySqlConnection($"Server=127.0.0.1;Port={Port};User ID=root;Password=;Database=test;Pooling=false;AllowUserVariables=true;ConnectionTimeout=60;DefaultCommandTimeout=600");
        c.Open();
        return c;
    }

    /// <summary>kill -9 of the mariadbd this harness started (by pid).</summary>
    public void Kill9()
    {
        if (_process is null) return;
        Cleanup.Kill(_process);
        _process = null;
    }
}
