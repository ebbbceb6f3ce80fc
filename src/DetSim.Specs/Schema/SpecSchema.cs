using static DetSim.Specs.Schema.FieldType;

namespace DetSim.Specs.Schema;

/// <summary>The spec format, key by key. Defaults follow MySQL 8.0 (MYSQL-FACTS §10).</summary>
public static class SpecSchema
{
    public static readonly string[] Invariants =
        ["availability", "no_lost_acked_write", "no_phantom_read", "converged", "gtid_safe_promotion", "exactly_once_apply", "commit_order_reads", "replication_running", "read_your_writes", "no_split_brain", "no_gtid_gaps"];

    public static readonly string[] FaultActions =
        ["crash", "restart", "partition", "isolate", "heal", "slow_link", "pause", "clock_jump", "clock_drift", "purge_binary_logs", "rotate", "sql", "failover", "change_source", "crash_at"];

    private static Field F(string name, FieldType type, string description) => new(name, type, description);

    private static Field Int(string name, string description, decimal min, decimal max, string? def = null) =>
        new(name, Integer, description) { Min = min, Max = max, Default = def };

    private static Field Choice(string name, string description, string def, params string[] values) =>
        new(name, FieldType.Enum, description) { Values = values, Default = def };

    public static Field Latency(string name) => F(name, Map, "a one-way latency distribution: min + exponential jitter, with a tail") with
    {
        Children =
        [
            F("min", Duration, "smallest latency") with { Default = "200us" },
            F("jitter", Duration, "mean of the exponential part") with { Default = "300us" },
            new Field("tail_percent", Number, "share of messages whose jitter is multiplied by tail_factor") { Min = 0, Max = 100, Default = "1" },
            Int("tail_factor", "multiplier for tail messages", 1, 1_000_000, "20"),
        ],
    };

    public static readonly Field ServerSettings = F("defaults", Map, "server settings applied to every server unless a server overrides them") with
    {
        Children =
        [
            Choice("binlog_format", "binlog_format", "ROW", "ROW", "STATEMENT", "MIXED"),
            Choice("binlog_row_image", "binlog_row_image", "FULL", "FULL", "MINIMAL", "NOBLOB"),
            Choice("gtid_mode", "gtid_mode (with enforce_gtid_consistency)", "OFF", "ON", "OFF"),
            Int("sync_binlog", "sync_binlog: 1 fsync per group commit, 0 never, N every N groups", 0, 4_294_967_295, "1"),
            Int("innodb_flush_log_at_trx_commit", "innodb_flush_log_at_trx_commit", 0, 2, "1"),
            F("log_replica_updates", Bool, "log_replica_updates") with { Default = "true" },
            Int("replica_parallel_workers", "replica_parallel_workers (0 is read as 1)", 0, 1024, "1"),
            F("replica_preserve_commit_order", Bool, "replica_preserve_commit_order") with { Default = "true" },
            F("crash_safe", Bool, "relay_log_info_repository=TABLE and relay_log_recovery=ON; false: FILE repositories") with { Default = "true" },
            Int("sync_relay_log", "sync_relay_log (events between relay log fsyncs)", 0, 4_294_967_295, "10000"),
            Int("sync_relay_log_info", "sync_relay_log_info / sync_source_info for FILE repositories", 0, 4_294_967_295, "10000"),
            Int("auto_increment_increment", "auto_increment_increment", 1, 65535, "1"),
            Int("auto_increment_offset", "auto_increment_offset", 1, 65535, "1"),
            new Field("max_binlog_size", Size, "max_binlog_size") { Min = 4096, Max = 1L << 30, Default = "1G" },
            F("read_only", Bool, "read_only") with { Default = "false" },
            F("access_path_varies", Bool, "not a MySQL variable: UPDATE/DELETE ... LIMIT without ORDER BY may take another access path than the primary key on this server (drawn from the seed), why MySQL calls LIMIT unsafe; false: primary key order") with { Default = "false" },
            F("semi_sync", Map, "source-side semi-synchronous replication") with
            {
                Children =
                [
                    F("enabled", Bool, "rpl_semi_sync_source_enabled") with { Default = "false" },
                    Choice("wait_point", "rpl_semi_sync_source_wait_point", "AFTER_SYNC", "AFTER_SYNC", "AFTER_COMMIT"),
                    Int("wait_for_replica_count", "rpl_semi_sync_source_wait_for_replica_count", 1, 65535, "1"),
                    F("timeout", Duration, "rpl_semi_sync_source_timeout") with { Default = "10s" },
                    F("wait_no_replica", Bool, "rpl_semi_sync_source_wait_no_replica") with { Default = "true" },
                ],
            },
            F("replica_semi_sync", Bool, "rpl_semi_sync_replica_enabled: this server acknowledges as a semi-sync replica") with { Default = "false" },
            F("fsync_latency", Duration, "simulated cost of one fsync") with { Default = "500us" },
            F("apply_cost", Duration, "applier cost per transaction") with { Default = "50us" },
            F("replica_net_timeout", Duration, "replica_net_timeout") with { Default = "60s", Positive = true },
            F("heartbeat_period", Duration, "SOURCE_HEARTBEAT_PERIOD") with { Default = "replica_net_timeout / 2", Positive = true },
            F("connect_retry", Duration, "SOURCE_CONNECT_RETRY: wait between failed connection attempts of the receiver") with { Default = "60s", Positive = true },
            F("clock", Map, "this server's clock") with
            {
                Children = [F("offset", Duration, "offset from true time") with { AllowNegative = true, Default = "0ms" }, Int("drift_ppm", "drift in parts per million", -499_999, 499_999, "0")],
            },
            Int("server_id", "server_id (default: position in the servers list, from 1)", 1, 4_294_967_295),
        ],
    };

    public static readonly Field Server = ServerSettings with
    {
        Name = "server",
        Description = "a server: any default can be overridden here",
        Children = [.. ServerSettings.Children, F("source", FieldType.String, "the server this one replicates from"), F("auto_position", Bool, "SOURCE_AUTO_POSITION (default: gtid_mode = ON)")],
    };

    public static readonly Field Client = F("client", Map, "a group of client sessions") with
    {
        Children =
        [
            F("name", FieldType.String, "unique client name") with { Required = true },
            Int("count", "sessions", 1, 1000, "1"),
            F("server", FieldType.String, "source (the current writable source) | replicas | any | a server name") with { Default = "source" },
            F("start", Duration, "when the sessions start") with { Default = "0ms" },
            F("duration", Duration, "how long they send") with { Default = "5s" },
            F("think", Duration, "pause between a reply and the next request") with { Default = "20ms" },
            F("timeout", Duration, "how long a session waits for a reply") with { Default = "2s" },
            F("transactions", List, "weighted transaction mix") with
            {
                Required = true,
                Items = F("transaction", Map, "one transaction kind") with
                {
                    Children =
                    [
                        Int("weight", "relative weight", 1, 1_000_000, "1"),
                        F("sql", List, "statements (? = a key from key_range, {n} = a number unique to the client, {session} = session number)") with { Required = true, Items = F("statement", FieldType.String, "SQL text") },
                        F("key_range", List, "[min, max] for ?") with { Items = Int("bound", "key", long.MinValue, long.MaxValue) },
                        F("server", FieldType.String, "send this kind of transaction elsewhere: source | replicas | any | a server name"),
                    ],
                },
            },
        ],
    };

    public static readonly Field Fault = F("fault", Map, "a scripted fault: `at` and exactly one action") with
    {
        Children =
        [
            F("at", Duration, "when it strikes") with { Required = true },
            F("crash", Any, "server name, or {server, mode: power_loss | process | torn_write}"),
            F("restart", FieldType.String, "server name"),
            F("partition", List, "[a, b]: cut the link both ways (one_way: true for a → b only)") with { Items = F("server", FieldType.String, "server") },
            F("one_way", Bool, "with partition: cut only the first → second direction"),
            F("isolate", FieldType.String, "cut a server off from every other node"),
            F("heal", FieldType.String, "all"),
            F("slow_link", Map, "latency × factor + extra on from → to") with { Children = [F("from", FieldType.String, "server"), F("to", FieldType.String, "server"), Int("factor", "multiplier", 1, 1_000_000, "1"), F("extra", Duration, "added delay") with { Default = "0ms" }] },
            F("pause", Map, "stop the world on a server") with { Children = [F("server", FieldType.String, "server"), F("for", Duration, "how long")] },
            F("clock_jump", Map, "step a server's clock") with { Children = [F("server", FieldType.String, "server"), F("by", Duration, "signed step") with { AllowNegative = true }] },
            F("clock_drift", Map, "set a server's clock drift") with { Children = [F("server", FieldType.String, "server"), Int("ppm", "parts per million", -499_999, 499_999)] },
            F("purge_binary_logs", Map, "PURGE BINARY LOGS keeping the newest files") with { Children = [F("server", FieldType.String, "server"), Int("keep", "files to keep", 1, 1_000_000, "1")] },
            F("rotate", FieldType.String, "FLUSH BINARY LOGS on a server"),
            F("sql", Map, "a statement a DBA runs directly on a server") with { Children = [F("server", FieldType.String, "server"), F("text", FieldType.String, "SQL")] },
            F("failover", Map, "run the failover procedure now (settings from `failover`)") with { Children = [] },
            F("crash_at", Map, "arm a MySQL crash point (mysql-test's DBUG_EXECUTE_IF names): the N-th transaction reaching it kills the server there") with
            {
                Children = [F("server", FieldType.String, "server"), F("point", FieldType.String, "crash point name (crash_commit_before_log, crash_after_flush_binlog, ...)"), Int("nth", "the N-th arrival fires it", 1, 1_000_000_000, "1"), F("restart_after", Duration, "boot the server again this long after it died (default: it stays down)")],
            },
            F("change_source", Map, "CHANGE REPLICATION SOURCE TO on a server (read_only on; a crashed old source rejoining)") with
            {
                Children = [F("server", FieldType.String, "the server to re-point"), F("source", FieldType.String, "its new source"), F("auto_position", Bool, "SOURCE_AUTO_POSITION=1") with { Default = "true" }],
            },
        ],
    };

    public static readonly Field Root = F("spec", Map, "a DetSim scenario spec") with
    {
        Children =
        [
            F("name", FieldType.String, "spec name: lowercase letters, digits and dashes") with { Required = true, Pattern = "^[a-z0-9][a-z0-9-]*$", PatternHint = "spec name (lowercase letters, digits and dashes)" },
            F("description", FieldType.String, "the claim, for people"),
            Choice("flavor", "which server to imitate", "mysql-8.0", "mysql-8.0", "mariadb-10.11"),
            Choice("expect", "what MySQL really does", "holds", "holds", "violated") with { Required = true },
            new Field("expect_invariant", FieldType.Enum, "with expect: violated, the invariant that must break") { Values = Invariants },
            F("check", List, "invariants checked on every run") with { Items = new Field("invariant", FieldType.Enum, "invariant") { Values = Invariants } },
            new Field("availability_threshold", Number, "share of writes that must succeed for `availability`") { Min = 0, Max = 1, Default = "0.99" },
            Int("seeds", "how many seeds a check runs", 1, 10_000_000, "100"),
            F("seed_start", Seed, "first seed") with { Default = "1" },
            Int("step_budget", "events per run before it is called a livelock", 1, 1_000_000_000, "5000000"),
            F("time_limit", Duration, "simulated time limit per run") with { Default = "120s" },
            F("heal_at", Duration, "when faults stop and the network heals (default: when the last client stops)"),
            ServerSettings,
            F("servers", Dictionary, "servers by name, in order; `source:` makes a replica") with
            {
                Required = true, Items = Server,
                KeyPattern = "^[a-z][a-z0-9_-]*$", KeyHint = "server name (lowercase letter first, then letters, digits, _ or -)",
            },
            F("network", Map, "the network") with
            {
                Children =
                [
                    Latency("latency"),
                    new Field("loss_percent", Number, "share of messages lost") { Min = 0, Max = 100, Default = "0" },
                    new Field("duplicate_percent", Number, "share of messages delivered twice") { Min = 0, Max = 100, Default = "0" },
                    F("links", List, "per directed link overrides") with
                    {
                        Items = F("link", Map, "one directed link") with
                        {
                            Children = [F("from", FieldType.String, "server") with { Required = true }, F("to", FieldType.String, "server") with { Required = true }, Latency("latency"),
                                new Field("loss_percent", Number, "share lost") { Min = 0, Max = 100 }, F("both_ways", Bool, "apply to to → from as well") with { Default = "false" }],
                        },
                    },
                ],
            },
            F("workload", Map, "tables and clients") with
            {
                Children =
                [
                    F("tables", List, "tables every server starts with") with
                    {
                        Items = F("table", Map, "a table") with { Children = [F("create", FieldType.String, "CREATE TABLE statement") with { Required = true }, Int("rows", "rows to start with", 0, 1_000_000, "0")] },
                    },
                    F("clients", List, "client groups") with { Items = Client },
                ],
            },
            F("faults", List, "scripted faults") with { Items = Fault },
            F("nemesis", Map, "faults drawn from the seed") with
            {
                Children =
                [
                    F("between", List, "[start, end]") with { Items = F("time", Duration, "time") },
                    F("mean_gap", Duration, "mean time between faults") with { Default = "2s" },
                    F("kinds", Map, "weights") with { Children = [Int("crash", "weight", 0, 1000, "1"), Int("partition", "weight", 0, 1000, "1"), Int("pause", "weight", 0, 1000, "0"), Int("clock_jump", "weight", 0, 1000, "0"), Int("slow_link", "weight", 0, 1000, "0"), Int("crash_at", "weight: arm a crash point drawn from crash_points", 0, 1000, "0")] },
                    F("crash_points", List, "crash point names the nemesis may arm (default: every commit-pipeline point)") with { Items = F("point", FieldType.String, "crash point name") },
                    Int("crash_at_nth_max", "a drawn crash point fires at the N-th arrival, N from 1 to this", 1, 1_000_000_000, "100"),
                    F("servers", List, "servers the nemesis may hit (default: all)") with { Items = F("server", FieldType.String, "server") },
                    F("down", List, "[min, max] outage length") with { Items = F("time", Duration, "time") },
                ],
            },
            F("failover", Map, "the failover tool (orchestrator-like)") with
            {
                Children =
                [
                    F("detect_after", Duration, "automatic failover once the source is down this long"),
                    F("promote", FieldType.String, "most_advanced | first_replica | a server name") with { Default = "most_advanced" },
                    Choice("repoint", "how the other replicas follow the new source", "gtid", "gtid", "position"),
                    Choice("errant_gtids", "what to do when the candidate has errant GTIDs", "refuse", "refuse", "report", "ignore"),
                    F("redirect_clients", Bool, "clients follow the new source") with { Default = "true" },
                    Choice("wait_for_relay_log", "before promoting, wait until the candidate has applied every transaction it received (applied: orchestrator DelayMasterPromotionIfSQLThreadNotUpToDate) or not at all (none)", "applied", "applied", "none"),
                    F("relay_log_timeout", Duration, "how long to wait for the candidate's relay log; the wait ends as soon as it has applied all it received") with { Default = "30s" },
                    Choice("on_relay_log_timeout", "when the wait times out: promote anyway (the unapplied transactions are lost, noted in the trace and the failover record) or refuse (orchestrator FailMasterPromotionIfSQLThreadNotUpToDate)", "promote", "promote", "refuse"),
                ],
            },
        ],
    };
}
