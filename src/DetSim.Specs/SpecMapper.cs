using System.Globalization;
using System.Text.RegularExpressions;
using DetSim.Core.Disk;
using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Clients;
using DetSim.Replication.Engine;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

/// <summary>Turns a schema-valid YAML tree into a <see cref="Spec"/>, checking what the schema cannot: names that must exist, SQL that must parse, a sane topology.</summary>
internal sealed partial class SpecMapper(string file, List<SpecError> errors)
{
    private readonly Validator _v = new(file, errors);
    private readonly List<string> _servers = new();

    public Spec? Map(YamlMappingNode root)
    {
        string name = Str(root, "name")!; // its shape: SpecSchema's Pattern, checked by the validator
        bool maria = string.Equals(Str(root, "flavor"), "mariadb-10.11", StringComparison.OrdinalIgnoreCase);
        var check = Seq(root, "check").Select(n => ((YamlScalarNode)n).Value!.ToLowerInvariant()).ToList();
        Expectation expect = Str(root, "expect")!.Equals("violated", StringComparison.OrdinalIgnoreCase) ? Expectation.Violated : Expectation.Holds;
        string? expectInvariant = Str(root, "expect_invariant")?.ToLowerInvariant();
        if (expectInvariant is not null && !check.Contains(expectInvariant))
            Error(Node(root, "expect_invariant")!, "expect_invariant", $"'{expectInvariant}' is not in check ({string.Join(", ", check)})");
        if (expectInvariant is not null && expect == Expectation.Holds)
            Error(Node(root, "expect_invariant")!, "expect_invariant", "only meaningful with expect: violated");
        if (check.Count == 0) Error(root, "check", "list at least one invariant to check (allowed: " + string.Join(", ", Schema.SpecSchema.Invariants) + ")");

        var serversNode = (YamlMappingNode)Node(root, "servers")!;
        YamlMappingNode? defaults = Node(root, "defaults") as YamlMappingNode;
        foreach ((YamlNode k, YamlNode _) in serversNode.Children) _servers.Add(((YamlScalarNode)k).Value!); // names: SpecSchema's KeyPattern
        var serverIds = new Dictionary<long, string>();
        if (_servers.Count == 0) Error(serversNode, "servers", "define at least one server");
        var servers = new List<ServerDefinition>();
        uint index = 0;
        foreach ((YamlNode k, YamlNode v) in serversNode.Children)
        {
            index++;
            string s = ((YamlScalarNode)k).Value!;
            var node = (YamlMappingNode)v;
            string? source = Str(node, "source");
            if (source is not null) RequireServer(Node(node, "source")!, $"servers.{s}.source", source);
            if (source == s) Error(Node(node, "source")!, $"servers.{s}.source", "a server cannot replicate from itself");
            ServerOptions options = Options(defaults, node, maria, index);
            // Replication needs distinct server ids: the replica I/O thread refuses equal ones, error 1593
            // (sql/rpl_replica.cc, get_source_version_and_clock; mysql-test rpl_server_id1). Point at the id.
            if (!serverIds.TryAdd(options.ServerId, s))
                Error(Node(node, "server_id") ?? Node(defaults, "server_id") ?? k, $"servers.{s}.server_id", $"server_id {options.ServerId} is also {serverIds[options.ServerId]}'s; replication needs distinct server ids");
            bool? autoPosition = Bool(node, "auto_position");
            if (autoPosition == true && !options.GtidMode) Error(Node(node, "auto_position")!, $"servers.{s}.auto_position", "SOURCE_AUTO_POSITION=1 needs gtid_mode: ON");
            YamlMappingNode? clock = Node(node, "clock") as YamlMappingNode ?? Node(defaults, "clock") as YamlMappingNode;
            servers.Add(new ServerDefinition(s, options, source, autoPosition)
            {
                ClockOffset = Dur(clock, "offset", Duration.Zero, allowNegative: true),
                ClockDriftPpm = Long(clock, "drift_ppm") ?? 0,
            });
        }

        var tables = new List<TableSetup>();
        var workload = Node(root, "workload") as YamlMappingNode;
        foreach (YamlNode t in Seq(workload, "tables"))
        {
            var tm = (YamlMappingNode)t;
            string create = Str(tm, "create")!;
            try { MySqlDialect.Instance.ParseCreateTable(create); }
            catch (SqlError e) { Error(Node(tm, "create")!, "workload.tables.create", e.Message); }
            tables.Add(new TableSetup(create, (int)(Long(tm, "rows") ?? 0)));
        }
        var clients = new List<ClientOptions>();
        foreach (YamlNode c in Seq(workload, "clients")) clients.Add(Client((YamlMappingNode)c, clients));

        var failoverNode = Node(root, "failover") as YamlMappingNode;
        FailoverOptions failover = Failover(failoverNode);
        var plan = new FaultPlan();
        foreach (YamlNode f in Seq(root, "faults")) Fault((YamlMappingNode)f, plan);
        if ((failoverNode is not null || plan.Faults.Any(p => p.Fault is FailoverFault)) && servers.All(s => s.Source is null))
            Error(failoverNode ?? root, "failover", "a failover needs at least one replica (a server with `source:`)");

        var networkNode = Node(root, "network") as YamlMappingNode;
        LinkOptions network = Link(networkNode, LinkOptions.Default);
        var links = new List<LinkOverride>();
        foreach (YamlNode l in Seq(networkNode, "links"))
        {
            var lm = (YamlMappingNode)l;
            string from = Str(lm, "from")!, to = Str(lm, "to")!;
            RequireServer(Node(lm, "from")!, "network.links.from", from);
            RequireServer(Node(lm, "to")!, "network.links.to", to);
            LinkOptions o = Link(lm, network);
            links.Add(new LinkOverride(from, to, o));
            if (Bool(lm, "both_ways") == true) links.Add(new LinkOverride(to, from, o));
        }

        var scenario = new Scenario
        {
            Name = name,
            Servers = servers,
            Network = network,
            Links = links,
            Tables = tables,
            Clients = clients,
            Faults = plan,
            Nemesis = Nemesis(Node(root, "nemesis") as YamlMappingNode),
            Failover = failover,
            HealAt = Node(root, "heal_at") is null ? null : SimTime.Zero + Dur(root, "heal_at", Duration.Zero),
            TimeLimit = SimTime.Zero + Dur(root, "time_limit", Duration.FromSeconds(120)),
            StepBudget = Long(root, "step_budget") ?? 5_000_000,
        };
        if (errors.Count == 0)
            foreach (string e in scenario.Validate()) Error(root, "", e);
        string? seedStart = Str(root, "seed_start");
        return new Spec
        {
            Name = name,
            Description = Str(root, "description") ?? "",
            File = file,
            Scenario = scenario,
            Expect = expect,
            ExpectInvariant = expectInvariant,
            Check = check,
            AvailabilityThreshold = (double)(Dec(root, "availability_threshold") ?? 0.99m),
            Seeds = (int)(Long(root, "seeds") ?? 100),
            SeedStart = seedStart is not null && Scalars.TrySeed(seedStart, out ulong ss) ? ss : 1,
        };
    }

    private ServerOptions Options(YamlMappingNode? defaults, YamlMappingNode server, bool maria, uint index)
    {
        ServerOptions o = maria ? ServerOptions.ForMariaDb() : new ServerOptions();
        string? S(string key) => Str(server, key) ?? Str(defaults, key);
        long? L(string key) => Long(server, key) ?? Long(defaults, key);
        bool? B(string key) => Bool(server, key) ?? Bool(defaults, key);
        Duration? D(string key) => Node(server, key) is not null ? Dur(server, key, Duration.Zero) : Node(defaults, key) is not null ? Dur(defaults, key, Duration.Zero) : null;
        var semi = Node(server, "semi_sync") as YamlMappingNode ?? Node(defaults, "semi_sync") as YamlMappingNode;
        SemiSyncOptions semiSync = o.SemiSync;
        if (semi is not null)
        {
            semiSync = new SemiSyncOptions
            {
                Enabled = Bool(semi, "enabled") ?? true,
                WaitPoint = Str(semi, "wait_point") is { } wp ? (wp.Equals("AFTER_COMMIT", StringComparison.OrdinalIgnoreCase) ? SemiSyncWaitPoint.AfterCommit : SemiSyncWaitPoint.AfterSync) : o.SemiSync.WaitPoint,
                WaitForReplicaCount = (int)(Long(semi, "wait_for_replica_count") ?? 1),
                Timeout = Node(semi, "timeout") is null ? Duration.FromSeconds(10) : Dur(semi, "timeout", Duration.Zero),
                WaitNoReplica = Bool(semi, "wait_no_replica") ?? true,
            };
        }
        long workers = L("replica_parallel_workers") ?? o.ReplicaParallelWorkers;
        return o with
        {
            ServerId = (uint)(L("server_id") ?? index),
            BinlogFormat = S("binlog_format")?.ToUpperInvariant() switch { "STATEMENT" => BinlogFormat.Statement, "MIXED" => BinlogFormat.Mixed, "ROW" => BinlogFormat.Row, _ => o.BinlogFormat },
            BinlogRowImage = S("binlog_row_image")?.ToUpperInvariant() switch { "MINIMAL" => RowImage.Minimal, "NOBLOB" => RowImage.NoBlob, "FULL" => RowImage.Full, _ => o.BinlogRowImage },
            GtidMode = S("gtid_mode") is { } g ? g.Equals("ON", StringComparison.OrdinalIgnoreCase) || g.Equals("true", StringComparison.OrdinalIgnoreCase) : o.GtidMode,
            SyncBinlog = L("sync_binlog") ?? o.SyncBinlog,
            InnodbFlushLogAtTrxCommit = L("innodb_flush_log_at_trx_commit") is { } f ? (FlushLogAtTrxCommit)f : o.InnodbFlushLogAtTrxCommit,
            LogReplicaUpdates = B("log_replica_updates") ?? o.LogReplicaUpdates,
            ReplicaParallelWorkers = (int)Math.Max(1, workers),
            ReplicaPreserveCommitOrder = B("replica_preserve_commit_order") ?? o.ReplicaPreserveCommitOrder,
            CrashSafeReplica = B("crash_safe") ?? o.CrashSafeReplica,
            SyncRelayLog = Math.Max(1, L("sync_relay_log") ?? o.SyncRelayLog),
            SyncRelayLogInfo = Math.Max(1, L("sync_relay_log_info") ?? o.SyncRelayLogInfo),
            AutoIncrementIncrement = (int)(L("auto_increment_increment") ?? o.AutoIncrementIncrement),
            AutoIncrementOffset = (int)(L("auto_increment_offset") ?? o.AutoIncrementOffset),
            MaxBinlogSize = S("max_binlog_size") is { } mbs && Scalars.TrySize(mbs, out long size) ? size : o.MaxBinlogSize,
            ReadOnly = B("read_only") ?? o.ReadOnly,
            AccessPathVaries = B("access_path_varies") ?? o.AccessPathVaries,
            SemiSync = semiSync,
            ReplicaSemiSync = B("replica_semi_sync") ?? o.ReplicaSemiSync,
            FsyncLatency = D("fsync_latency") ?? o.FsyncLatency,
            ApplyCostPerTransaction = D("apply_cost") ?? o.ApplyCostPerTransaction,
            ReplicaNetTimeout = D("replica_net_timeout") ?? o.ReplicaNetTimeout,
            HeartbeatPeriod = D("heartbeat_period") ?? o.HeartbeatPeriod,
            ConnectRetry = D("connect_retry") ?? o.ConnectRetry,
        };
    }

    private ClientOptions Client(YamlMappingNode c, List<ClientOptions> earlier)
    {
        string name = Str(c, "name")!;
        if (earlier.Any(e => e.Name == name)) Error(Node(c, "name")!, "workload.clients.name", $"client '{name}' is defined twice");
        string server = Str(c, "server") ?? "source";
        TargetSelector target = Target(server);
        if (target.Kind == TargetKind.Named) RequireServer(Node(c, "server")!, $"workload.clients.{name}.server", server, "source, replicas, any");
        var mix = new List<TransactionTemplate>();
        foreach (YamlNode t in Seq(c, "transactions"))
        {
            var tm = (YamlMappingNode)t;
            var sql = Seq(tm, "sql").Select(n => ((YamlScalarNode)n).Value!).ToList();
            if (sql.Count == 0) Error(tm, $"workload.clients.{name}.transactions.sql", "a transaction needs at least one statement");
            foreach ((YamlNode n, string text) in Seq(tm, "sql").Zip(sql))
            {
                try { Parser.Parse(text.Replace("?", "1", StringComparison.Ordinal).Replace("{n}", "1", StringComparison.Ordinal).Replace("{session}", "1", StringComparison.Ordinal)); }
                catch (SqlError e) { Error(n, $"workload.clients.{name}.transactions.sql", e.Message); }
            }
            var range = Seq(tm, "key_range").Select(n => Scalars.TryInteger(((YamlScalarNode)n).Value!, out decimal d) ? (long)d : 0).ToList();
            if (range.Count is not (0 or 2) || (range.Count == 2 && range[0] > range[1]))
                Error(Node(tm, "key_range")!, $"workload.clients.{name}.transactions.key_range", "expected [min, max] with min <= max");
            TransactionTemplate template = range.Count == 2 ? new TransactionTemplate((int)(Long(tm, "weight") ?? 1), sql, range[0], range[1]) : new TransactionTemplate((int)(Long(tm, "weight") ?? 1), sql);
            if (Str(tm, "server") is { } txServer)
            {
                TargetSelector txTarget = Target(txServer);
                if (txTarget.Kind == TargetKind.Named) RequireServer(Node(tm, "server")!, $"workload.clients.{name}.transactions.server", txServer, "source, replicas, any");
                template = template with { Target = txTarget };
            }
            mix.Add(template);
        }
        return new ClientOptions
        {
            Name = name,
            Sessions = (int)(Long(c, "count") ?? 1),
            Target = target,
            Start = SimTime.Zero + Dur(c, "start", Duration.Zero),
            Duration = Dur(c, "duration", Duration.FromSeconds(5)),
            Think = Dur(c, "think", Duration.FromMillis(20)),
            RequestTimeout = Dur(c, "timeout", Duration.FromSeconds(2)),
            Transactions = mix,
        };
    }

    private static TargetSelector Target(string server) => server.ToLowerInvariant() switch
    {
        "source" => TargetSelector.Source,
        "replicas" => TargetSelector.Replicas,
        "any" => TargetSelector.Any,
        _ => TargetSelector.Named(server),
    };

    private void Fault(YamlMappingNode f, FaultPlan plan)
    {
        SimTime at = SimTime.Zero + Dur(f, "at", Duration.Zero);
        var actions = f.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Where(k => Schema.SpecSchema.FaultActions.Contains(k)).ToList();
        if (actions.Count != 1)
        {
            Error(f, "faults", actions.Count == 0
                ? $"a fault needs one action (allowed: {string.Join(", ", Schema.SpecSchema.FaultActions)})"
                : $"a fault has exactly one action, found {string.Join(" and ", actions)}");
            return;
        }
        string action = actions[0];
        YamlNode value = Node(f, action)!;
        string path = $"faults.{action}";
        string Server(YamlNode n, string key)
        {
            string? s = n is YamlScalarNode sc ? sc.Value : Str(n as YamlMappingNode, key);
            if (s is null) { Error(n, path, _servers.Count == 0 ? "name a server (none is defined under servers:)" : $"name a server ({string.Join(", ", _servers)})"); return ""; }
            RequireServer(n, path, s);
            return s;
        }
        Fault? fault = action switch
        {
            "crash" => new CrashFault(Server(value, "server"), CrashModeOf(value)),
            "restart" => new RestartFault(Server(value, "")),
            "isolate" => new IsolateFault(Server(value, "")),
            "heal" => new HealFault(),
            "rotate" => new RotateBinlogFault(Server(value, "")),
            "failover" => new FailoverFault(),
            "partition" => Partition(f, value, path),
            "slow_link" => new SlowLinkFault(Server(Node(value, "from") ?? value, "from"), Server(Node(value, "to") ?? value, "to"), Long(value as YamlMappingNode, "factor") ?? 1, Dur(value as YamlMappingNode, "extra", Duration.Zero)),
            "pause" => new PauseFault(Server(value, "server"), Dur(value as YamlMappingNode, "for", Duration.FromSeconds(1))),
            "clock_jump" => new ClockJumpFault(Server(value, "server"), Dur(value as YamlMappingNode, "by", Duration.Zero, allowNegative: true)),
            "clock_drift" => new ClockDriftFault(Server(value, "server"), Long(value as YamlMappingNode, "ppm") ?? 0),
            "purge_binary_logs" => new PurgeBinaryLogsFault(Server(value, "server"), (int)(Long(value as YamlMappingNode, "keep") ?? 1)),
            "sql" => new AdminSqlFault(Server(value, "server"), AdminSql(value, path)),
            "crash_at" => CrashAt(value, path, Server),
            "change_source" => new ChangeSourceFault(Server(Node(value, "server") ?? value, "server"), Server(Node(value, "source") ?? value, "source"), Bool(value as YamlMappingNode, "auto_position") ?? true),
            _ => null,
        };
        if (fault is not null) plan.At(at, fault);
    }

    /// <summary>A DBA's statement is parsed when the spec loads, as a client's statements are, not when the fault strikes.</summary>
    private string AdminSql(YamlNode value, string path)
    {
        YamlNode? textNode = Node(value, "text");
        string text = (textNode as YamlScalarNode)?.Value ?? "";
        if (text.Length == 0) { Error(textNode ?? value, $"{path}.text", "give the statement to run (text: ...)"); return text; }
        try { Parser.Parse(text); }
        catch (SqlError e) { Error(textNode!, $"{path}.text", e.Message); }
        return text;
    }

    private Fault? CrashAt(YamlNode value, string path, Func<YamlNode, string, string> server)
    {
        var m = value as YamlMappingNode;
        string node = server(Node(value, "server") ?? value, "server");
        string? point = Str(m, "point");
        if (point is null) { Error(value, $"{path}.point", $"name a crash point ({string.Join(", ", CrashPointCatalog.Names)})"); return null; }
        if (!CrashPointCatalog.IsKnown(point)) { Error(Node(value, "point")!, $"{path}.point", $"unknown crash point '{point}' (known: {string.Join(", ", CrashPointCatalog.Names)})"); return null; }
        Duration? restart = Node(value, "restart_after") is null ? null : Dur(m, "restart_after", Duration.Zero);
        return new CrashAtFault(node, point, (int)(Long(m, "nth") ?? 1), restart);
    }

    private Fault? Partition(YamlMappingNode f, YamlNode value, string path)
    {
        var ends = (value as YamlSequenceNode)?.Children.OfType<YamlScalarNode>().Select(n => n.Value!).ToList() ?? [];
        if (ends.Count != 2) { Error(value, path, "expected [a, b]: two servers"); return null; }
        foreach (string e in ends) RequireServer(value, path, e);
        return new PartitionFault(ends[0], ends[1], Bool(f, "one_way") ?? false);
    }

    private CrashMode? CrashModeOf(YamlNode value)
    {
        string? mode = Str(value as YamlMappingNode, "mode");
        switch (mode)
        {
            case null: return null;
            case "power_loss": return CrashMode.DropUnsynced;
            case "torn_write": return CrashMode.TornWrite;
            case "process": return CrashMode.ProcessCrash;
            default:
                Error(Node(value, "mode")!, "faults.crash.mode", $"'{mode}' is not allowed (allowed: power_loss, process, torn_write)");
                return null;
        }
    }

    private FailoverOptions Failover(YamlMappingNode? f)
    {
        if (f is null) return new FailoverOptions();
        string promote = Str(f, "promote") ?? "most_advanced";
        PromotionRule rule = promote switch { "most_advanced" => PromotionRule.MostAdvanced, "first_replica" => PromotionRule.FirstReplica, _ => PromotionRule.Named };
        if (rule == PromotionRule.Named) RequireServer(Node(f, "promote")!, "failover.promote", promote, "most_advanced, first_replica");
        return new FailoverOptions
        {
            Promote = rule,
            Candidate = rule == PromotionRule.Named ? promote : null,
            Repoint = string.Equals(Str(f, "repoint"), "position", StringComparison.OrdinalIgnoreCase) ? RepointMethod.Position : RepointMethod.Gtid,
            ErrantGtids = Str(f, "errant_gtids")?.ToLowerInvariant() switch { "report" => ErrantGtidPolicy.Report, "ignore" => ErrantGtidPolicy.Ignore, _ => ErrantGtidPolicy.Refuse },
            RedirectClients = Bool(f, "redirect_clients") ?? true,
            DetectAfter = Node(f, "detect_after") is null ? null : Dur(f, "detect_after", Duration.Zero),
            WaitForRelayLog = Str(f, "wait_for_relay_log") == "none" ? RelayLogWait.None : RelayLogWait.Applied,
            CatchUpTimeout = Dur(f, "relay_log_timeout", Duration.FromSeconds(30)),
            OnCatchUpTimeout = Str(f, "on_relay_log_timeout") == "refuse" ? RelayLogTimeoutAction.Refuse : RelayLogTimeoutAction.Promote,
        };
    }

    private NemesisOptions? Nemesis(YamlMappingNode? n)
    {
        if (n is null) return null;
        var between = Seq(n, "between").Select(x => DurOf(x)).ToList();
        var down = Seq(n, "down").Select(x => DurOf(x)).ToList();
        var servers = Seq(n, "servers").Select(x => ((YamlScalarNode)x).Value!).ToList();
        foreach (string s in servers) RequireServer(Node(n, "servers")!, "nemesis.servers", s);
        var kinds = Node(n, "kinds") as YamlMappingNode;
        var points = Seq(n, "crash_points").Select(x => ((YamlScalarNode)x).Value!).ToList();
        foreach (YamlNode p in Seq(n, "crash_points"))
            if (!CrashPointCatalog.IsKnown(((YamlScalarNode)p).Value!))
                Error(p, "nemesis.crash_points", $"unknown crash point '{((YamlScalarNode)p).Value}' (known: {string.Join(", ", CrashPointCatalog.Names)})");
        return new NemesisOptions
        {
            Nodes = servers.Count > 0 ? servers : _servers.ToArray(),
            Start = SimTime.Zero + (between.Count == 2 ? between[0] : Duration.FromMillis(100)),
            End = SimTime.Zero + (between.Count == 2 ? between[1] : Duration.FromSeconds(10)),
            MeanGap = Dur(n, "mean_gap", Duration.FromSeconds(2)),
            CrashWeight = (int)(Long(kinds, "crash") ?? 1),
            PartitionWeight = (int)(Long(kinds, "partition") ?? 1),
            PauseWeight = (int)(Long(kinds, "pause") ?? 0),
            ClockJumpWeight = (int)(Long(kinds, "clock_jump") ?? 0),
            SlowLinkWeight = (int)(Long(kinds, "slow_link") ?? 0),
            CrashAtWeight = (int)(Long(kinds, "crash_at") ?? 0),
            CrashPoints = points.Count > 0 ? points : CrashPointCatalog.Names,
            CrashAtNthMax = (int)(Long(n, "crash_at_nth_max") ?? 100),
            DownMin = down.Count == 2 ? down[0] : Duration.FromMillis(100),
            DownMax = down.Count == 2 ? down[1] : Duration.FromSeconds(2),
        };
    }

    private LinkOptions Link(YamlMappingNode? n, LinkOptions baseline)
    {
        if (n is null) return baseline;
        var lat = Node(n, "latency") as YamlMappingNode;
        Latency latency = lat is null ? baseline.Latency : new Latency
        {
            Min = Dur(lat, "min", Duration.FromMicros(200)),
            Jitter = Dur(lat, "jitter", Duration.FromMicros(300)),
            TailChance = PerMillion(Dec(lat, "tail_percent") ?? 1),
            TailFactor = Long(lat, "tail_factor") ?? 20,
        };
        return baseline with
        {
            Latency = latency,
            Loss = Dec(n, "loss_percent") is { } loss ? PerMillion(loss) : baseline.Loss,
            Duplicate = Dec(n, "duplicate_percent") is { } dup ? PerMillion(dup) : baseline.Duplicate,
        };
    }

    private static Ratio PerMillion(decimal percent) => new((ulong)Math.Round(percent * 10_000m), 1_000_000);

    // ---- small readers -------------------------------------------------------------------------

    private void RequireServer(YamlNode at, string path, string name, string? alsoAllowed = null)
    {
        if (!_servers.Contains(name))
            Error(at, path, $"unknown server '{name}' ({(_servers.Count == 0 ? "no servers are defined" : "servers: " + string.Join(", ", _servers))}{(alsoAllowed is null ? "" : "; or " + alsoAllowed)})");
    }

    private void Error(YamlNode node, string path, string message) => _v.Error(node, path, message);

    private static YamlNode? Node(YamlNode? map, string key) =>
        map is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) ? v : null;

    private static string? Str(YamlMappingNode? map, string key) => (Node(map, key) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Seq(YamlMappingNode? map, string key) => (Node(map, key) as YamlSequenceNode)?.Children ?? (IEnumerable<YamlNode>)[];

    private static long? Long(YamlMappingNode? map, string key) =>
        Str(map, key) is { } s && Scalars.TryInteger(s, out decimal d) ? (long)d : null;

    private static decimal? Dec(YamlMappingNode? map, string key) => Str(map, key) is { } s && Scalars.TryNumber(s, out decimal d) ? d : null;

    private static bool? Bool(YamlMappingNode? map, string key) => Str(map, key) is { } s && Scalars.TryBool(s, out bool b) ? b : null;

    private static Duration Dur(YamlMappingNode? map, string key, Duration fallback, bool allowNegative = false) =>
        Str(map, key) is { } s && Scalars.TryDuration(s, allowNegative, out Duration d) ? d : fallback;

    private static Duration DurOf(YamlNode n) => n is YamlScalarNode s && Scalars.TryDuration(s.Value!, false, out Duration d) ? d : Duration.Zero;
}
