using DetSim.Replication.Server;
using DetSim.Specs.Schema;

namespace DetSim.Specs.Tests;

public class SpecLoaderTests
{
    private const string Good = """
        name: good
        expect: violated
        expect_invariant: converged
        check: [converged]
        seeds: 7
        seed_start: 0x10
        defaults:
          gtid_mode: on
          binlog_format: statement
          semi_sync: { enabled: true, wait_point: after_commit, timeout: 250ms }
        servers:
          s1: { sync_binlog: 0 }
          r1: { source: s1, binlog_format: ROW, replica_semi_sync: true }
        """;

    [Fact]
    public void Defaults_apply_to_every_server_and_overrides_win()
    {
        SpecParseResult r = SpecLoader.Parse(Good, "good.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Spec spec = r.Spec!;
        Assert.Equal(Expectation.Violated, spec.Expect);
        Assert.Equal(7, spec.Seeds);
        Assert.Equal(16UL, spec.SeedStart);
        var s1 = spec.Scenario.Servers[0];
        var r1 = spec.Scenario.Servers[1];
        Assert.Equal(BinlogFormat.Statement, s1.Options.BinlogFormat);
        Assert.Equal(0, s1.Options.SyncBinlog);
        Assert.Equal(BinlogFormat.Row, r1.Options.BinlogFormat);
        Assert.Equal(1, r1.Options.SyncBinlog); // MySQL 8.0's default where nothing overrides it
        Assert.True(r1.Options.GtidMode);
        Assert.True(r1.UsesAutoPosition);
        Assert.Equal(SemiSyncWaitPoint.AfterCommit, s1.Options.SemiSync.WaitPoint);
        Assert.Equal(250_000, s1.Options.SemiSync.Timeout.Micros);
        Assert.Equal("s1", r1.Source);
    }

    [Fact]
    public void MariaDb_flavor_starts_from_mariadb_defaults()
    {
        SpecParseResult r = SpecLoader.Parse("name: m\nflavor: mariadb-10.11\nexpect: holds\ncheck: [converged]\nservers:\n  s1: {}\n", "m.yaml");
        var o = r.Spec!.Scenario.Servers[0].Options;
        Assert.Equal(0, o.SyncBinlog);
        Assert.False(o.LogReplicaUpdates);
        Assert.Equal(BinlogFormat.Mixed, o.BinlogFormat);
    }

    [Fact]
    public void The_shipped_json_schema_is_current()
    {
        string shipped = File.ReadAllText(Path.Combine(CorpusTests.RepoRoot(), "specs", "detsim-spec.schema.json"));
        Assert.True(shipped == JsonSchemaWriter.Generate(),
            "specs/detsim-spec.schema.json is stale: regenerate it with `dotnet run --project src/DetSim.Cli -- schema > specs/detsim-spec.schema.json`");
    }

    [Fact]
    public void The_reference_page_is_current()
    {
        string shipped = File.ReadAllText(Path.Combine(CorpusTests.RepoRoot(), "docs", "spec-reference.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.True(shipped == MarkdownWriter.Generate(),
            "docs/spec-reference.md is stale: regenerate it with `dotnet run --project src/DetSim.Cli -- schema --markdown > docs/spec-reference.md`");
    }

    [Fact]
    public void The_schema_rejects_unknown_keys_and_knows_every_invariant()
    {
        string schema = JsonSchemaWriter.Generate();
        Assert.Contains("\"additionalProperties\": false", schema);
        foreach (string invariant in SpecSchema.Invariants) Assert.Contains($"\"{invariant}\"", schema);
    }
}
