using System.Text.Json;
using Json.Schema;

namespace DetSim.Specs.Tests;

/// <summary>
/// A corpus of good and bad spec snippets that the CLI's validator and the shipped JSON Schema
/// (checked by JsonSchema.Net, reading the YAML as an editor does, YAML 1.2) judge the same way.
/// The corpus is about shape: names that must exist and SQL that must parse are checked by the
/// mapper only (a JSON Schema cannot know them), so every snippet names existing servers.
/// </summary>
public class SchemaCorpusAgreementTests
{
    private static readonly JsonSchema Schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(CorpusTests.RepoRoot(), "specs", "detsim-spec.schema.json")));

    private const string Base = "expect: holds\ncheck: [converged]\nservers:\n  s1: {}\n  r1: { source: s1 }\n";

    public static TheoryData<string, bool> Corpus => new()
    {
        { "", true },
        { "defaults: { gtid_mode: ON }", true },
        { "defaults: { gtid_mode: on }", true },
        { "defaults: { gtid_mode: off, binlog_format: statement, binlog_row_image: minimal }", true },
        { "defaults: { sync_binlog: 0, innodb_flush_log_at_trx_commit: 2, max_binlog_size: 64K }", true },
        { "defaults: { max_binlog_size: 4096, auto_increment_increment: \"2\" }", true },
        { "defaults: { max_binlog_size: 1G }", true },
        { "defaults: { replica_semi_sync: yes, read_only: true }", true },
        { "defaults: { semi_sync: { wait_point: after_sync, timeout: 5s, wait_for_replica_count: 2 } }", true },
        { "defaults: { replica_net_timeout: 1s, heartbeat_period: 250ms, connect_retry: 2 }", true },
        { "defaults: { fsync_latency: 86400s, apply_cost: 0us }", true },
        { "defaults: { clock: { offset: -5ms, drift_ppm: -100 } }", true },
        { "network: { loss_percent: 1.5, duplicate_percent: \"0.5\", latency: { min: 1ms, tail_percent: 100 } }", true },
        { "network: { links: [{ from: s1, to: r1, loss_percent: 2, both_ways: true }] }", true },
        { "faults:\n  - { at: 1s, crash: s1 }\n  - { at: 2s, crash: { server: s1, mode: process } }\n  - { at: 3s, restart: s1 }", true },
        { "faults:\n  - { at: 1s, partition: [s1, r1], one_way: true }\n  - { at: 2s, heal: all }", true },
        { "faults:\n  - { at: 1s, pause: { server: r1, for: 2s } }\n  - { at: 1s, clock_jump: { server: r1, by: -3s } }", true },
        { "faults:\n  - { at: 1s, crash_at: { server: s1, point: crash_after_flush_binlog, nth: 2 } }", true },
        { "faults:\n  - { at: 1s, slow_link: { from: s1, to: r1, factor: 10 } }\n  - { at: 2s, failover: {} }", true },
        { "faults:\n  - { at: 1s, reset_replica: r1 }\n  - { at: 2s, purge_binary_logs: { server: s1 } }", true },
        { "faults:\n  - { at: 1s, sql: { server: r1, text: \"INSERT INTO t VALUES (1)\" } }", true },
        { "nemesis: { kinds: { crash: 2, pause: 1 }, mean_gap: 1s, between: [100ms, 5s] }", true },
        { "failover: { promote: r1, repoint: position, wait_for_relay_log: none, errant_gtids: REPORT }", true },
        { "seed_start: 0x10\nseeds: 5\ntime_limit: 60s\nstep_budget: 1000", true },

        { "defaults: { gtid_mode: true }", false },
        { "defaults: { gtid_mode: On }", false },
        { "defaults: { gtid: ON }", false },
        { "defaults: { sync_binlog: -1 }", false },
        { "defaults: { innodb_flush_log_at_trx_commit: 3 }", false },
        { "defaults: { auto_increment_increment: \"70000\" }", false },
        { "defaults: { auto_increment_offset: 0 }", false },
        { "defaults: { max_binlog_size: 1024 }", false },
        { "defaults: { max_binlog_size: 2G }", false },
        { "defaults: { max_binlog_size: 3K }", false },
        { "defaults: { replica_net_timeout: 0s }", false },
        { "defaults: { replica_net_timeout: 0 }", false },
        { "defaults: { fsync_latency: -1ms }", false },
        { "defaults: { fsync_latency: -1 }", false },
        { "defaults: { fsync_latency: 2d }", false },
        { "defaults: { fsync_latency: 86401s }", false },
        { "defaults: { fsync_latency: 1441m }", false },
        { "defaults: { replica_semi_sync: maybe }", false },
        { "defaults: { semi_sync: { wait_point: BEFORE } }", false },
        { "defaults: { clock: { drift_ppm: 500000 } }", false },
        { "name: Bad_Name", false },
        { "network: { loss_percent: 101 }", false },
        { "network: { loss_percent: \"100.5\" }", false },
        { "faults:\n  - { at: 1s }", false },
        { "faults:\n  - { at: 1s, crash: s1, restart: s1 }", false },
        { "faults:\n  - { crash: s1 }", false },
        { "faults:\n  - { at: 1s, crash: { server: s1, mode: bogus } }", false },
        { "faults:\n  - { at: 1s, crash: { mode: process } }", false },
        { "faults:\n  - { at: 1s, restart: { server: s1 } }", false },
        { "faults:\n  - { at: 1s, partition: [s1] }", false },
        { "faults:\n  - { at: 1s, pause: { for: 2s } }", false },
        { "faults:\n  - { at: 1s, crash_at: { server: s1 } }", false },
        { "faults:\n  - { at: 1s, sql: { server: r1 } }", false },
        { "faults:\n  - { at: 1s, change_source: { server: s1 } }", false },
        { "faults:\n  - { at: 1s, failover: { now: true } }", false },
        { "nemesis: { kinds: { crash: -1 } }", false },
        { "nemesis: { kinds: { reset_replica: 1 } }", false },
        { "seeds: 0", false },
        { "expect: maybe", false },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void The_cli_and_the_json_schema_agree(string snippet, bool accepted)
    {
        string yaml = (snippet.StartsWith("name:", StringComparison.Ordinal) ? "" : "name: agree\n")
            + (snippet.StartsWith("expect:", StringComparison.Ordinal) ? Base.Replace("expect: holds\n", "", StringComparison.Ordinal) : Base) + snippet + "\n";
        SpecParseResult cli = SpecLoader.Parse(yaml, "agree.yaml");
        Assert.True(accepted == cli.Ok, $"CLI {(cli.Ok ? "accepted" : "rejected")} it: {string.Join("; ", cli.Errors)}");
        JsonElement json = JsonSerializer.SerializeToElement(YamlToJson.Convert(yaml));
        EvaluationResults schema = Schema.Evaluate(json, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(accepted == schema.IsValid, $"the JSON Schema {(schema.IsValid ? "accepted" : "rejected")} it: "
            + string.Join("; ", (schema.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Theory]
    [InlineData("missing-check", "name: n\nexpect: holds\nservers: { s1: {} }\n")]
    [InlineData("empty-check", "name: n\nexpect: holds\ncheck: []\nservers: { s1: {} }\n")]
    [InlineData("no-servers", "name: n\nexpect: holds\ncheck: [converged]\nservers: {}\n")]
    public void Whole_specs_both_reject(string why, string yaml)
    {
        Assert.False(SpecLoader.Parse(yaml, "n.yaml").Ok, why);
        Assert.False(Schema.Evaluate(JsonSerializer.SerializeToElement(YamlToJson.Convert(yaml))).IsValid, why);
    }
}
