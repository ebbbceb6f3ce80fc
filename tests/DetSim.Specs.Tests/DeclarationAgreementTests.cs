using System.Text.Json.Nodes;
using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Settings;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;
using DetSim.Replication.Settings;
using DetSim.Specs.Schema;

namespace DetSim.Specs.Tests;

/// <summary>
/// Every declared setting's default is the option record's default, the JSON Schema's `default` and
/// the reference page's; a MariaDB default is what ServerOptions.ForMariaDb() holds and what the page says.
/// </summary>
public class DeclarationAgreementTests
{
    private static readonly JsonObject Json = JsonNode.Parse(JsonSchemaWriter.Generate())!.AsObject();
    private static readonly string Docs = MarkdownWriter.Generate();

    /// <summary>Each option record's bindings, a default instance, and where its settings sit in the spec (JSON path and reference section; null: not in specs).</summary>
    public static TheoryData<string> Records => new() { "server", "semi_sync", "client", "failover", "latency", "nemesis", "tcp" };

    private static (IEnumerable<Setting> Settings, Func<Setting, string?> RecordText, string[]? JsonPath, string? Section) Record(string name) => name switch
    {
        "server" => (OptionBindings.Server.Settings, s => OptionBindings.Server.Text(new ServerOptions(), s), ["defaults"], "defaults"),
        "semi_sync" => (OptionBindings.SemiSync.Settings, s => OptionBindings.SemiSync.Text(SemiSyncOptions.Off, s), ["defaults", "semi_sync"], "defaults.semi_sync"),
        "client" => (OptionBindings.Client.Settings, s => OptionBindings.Client.Text(new ClientOptions { Name = "c" }, s), ["workload", "clients", "[]"], "workload.clients[]"),
        "failover" => (OptionBindings.Failover.Settings, s => OptionBindings.Failover.Text(new FailoverOptions(), s), ["failover"], "failover"),
        "latency" => (CoreOptionBindings.Latency.Settings, s => CoreOptionBindings.Latency.Text(Latency.Lan, s), ["network", "latency"], "network.latency"),
        "nemesis" => (CoreOptionBindings.Nemesis.Settings, s => CoreOptionBindings.Nemesis.Text(new NemesisOptions(), s), ["nemesis"], "nemesis"),
        _ => (CoreOptionBindings.Tcp.Settings, s => CoreOptionBindings.Tcp.Text(TcpOptions.Default, s), null, null),
    };

    [Theory]
    [MemberData(nameof(Records))]
    public void The_record_default_is_the_declared_default(string record)
    {
        var (settings, recordText, _, _) = Record(record);
        Assert.NotEmpty(settings);
        foreach (Setting s in settings)
            if (s.DefaultNote is null) Assert.True(s.DefaultText == recordText(s), $"{record}.{s.Name}: declared {s.DefaultText}, record {recordText(s)}");
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void The_json_schema_and_the_reference_page_give_the_declared_default(string record)
    {
        var (settings, _, path, section) = Record(record);
        if (path is null) return; // not a spec section
        int checkedCount = 0;
        foreach (Setting s in settings)
        {
            JsonObject? field = Field(path, s);
            if (field is null) continue; // a record member no spec sets (apply_cost_per_row, nemesis start/end: written as between)
            checkedCount++;
            Assert.Equal(s.DefaultText, field["default"]?.GetValue<string>());
            string row = Row(section!, s.Name);
            Assert.Contains(s.DefaultText is { } d ? $"`{d}`" : s.DefaultNote ?? "", row);
            if (s.MariaDbDefaultText is { } m) Assert.Contains($"(MariaDB 10.11: `{m}`)", row);
        }
        Assert.True(checkedCount > 0, $"no setting of {record} is in the schema");
    }

    [Fact]
    public void Every_server_setting_a_spec_may_give_is_bound_and_a_spec_value_reaches_the_record()
    {
        // The mapper sets server settings through their bindings, so each spec key needs one.
        foreach (Setting setting in ServerSettings.Spec.Concat(ServerSettings.SpecAfterSemiSync))
            Assert.Contains(setting, OptionBindings.Server.Settings);

        SpecParseResult r = SpecLoader.Parse("""
            name: bound
            expect: holds
            check: [converged]
            defaults: { sync_binlog: 7, connect_retry: 3s, transaction_isolation: READ-COMMITTED }
            servers:
              s1: { sync_binlog: 9 }
              r1: { source: s1 }
            """, "bound.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        ServerOptions s1 = r.Spec!.Scenario.Servers[0].Options, r1 = r.Spec.Scenario.Servers[1].Options;
        Assert.Equal(9, s1.SyncBinlog); // the server's own key wins over defaults:
        Assert.Equal(7, r1.SyncBinlog);
        Assert.Equal(3_000_000, r1.ConnectRetry.Micros);
        Assert.Equal(DetSim.Replication.Sql.IsolationLevel.ReadCommitted, r1.TransactionIsolation);
    }

    [Fact]
    public void MariaDb_defaults_are_what_ForMariaDb_holds()
    {
        ServerOptions maria = ServerOptions.ForMariaDb();
        int differing = 0;
        foreach (Setting s in OptionBindings.Server.Settings.Where(s => s.MariaDbDefaultText is not null))
        {
            differing++;
            Assert.Equal(s.MariaDbDefaultText, OptionBindings.Server.Text(maria, s));
        }
        Assert.Equal(SemiSyncSettings.WaitPoint.MariaDbDefaultText, OptionBindings.SemiSync.Text(maria.SemiSync, SemiSyncSettings.WaitPoint));
        Assert.True(differing >= 4, "binlog_format, gtid_mode, sync_binlog and log_replica_updates differ in MariaDB 10.11");
    }

    [Fact]
    public void Every_fault_field_default_is_in_the_schema_and_the_docs()
    {
        foreach (FaultKind kind in SpecSchema.FaultKinds)
            foreach (Setting s in kind.Fields.Concat(kind.Siblings).Where(s => s.DefaultText is not null))
            {
                JsonObject faultProps = Json["properties"]!["faults"]!["items"]!["properties"]!.AsObject();
                JsonObject owner;
                if (kind.Siblings.Contains(s)) owner = faultProps;
                else
                {
                    JsonNode k = faultProps[kind.Name]!;
                    owner = (k["anyOf"] is JsonArray any ? any[1]! : k)["properties"]!.AsObject();
                }
                Assert.Equal(s.DefaultText, owner[s.Name]!["default"]!.GetValue<string>());
                Assert.Contains($"`{s.DefaultText}`", Row(kind.Siblings.Contains(s) ? "faults[]" : $"faults[].{kind.Name}", s.Name));
            }
    }

    private static JsonObject? Field(string[] path, Setting s)
    {
        JsonNode? o = Json;
        foreach (string p in path) o = p == "[]" ? o?["items"] : o?["properties"]?[p];
        return o?["properties"]?[s.Name] as JsonObject ?? (path[^1] == "nemesis" ? o?["properties"]?["kinds"]?["properties"]?[s.Name] as JsonObject : null);
    }

    /// <summary>The reference page's table row for <paramref name="key"/> in the section for <paramref name="section"/> (or its nemesis.kinds subsection).</summary>
    private static string Row(string section, string key)
    {
        foreach (string heading in new[] { section, section + ".kinds" })
        {
            int at = Docs.IndexOf($"## `{heading}`\n", StringComparison.Ordinal);
            if (at < 0) continue;
            int end = Docs.IndexOf("\n## ", at + 1, StringComparison.Ordinal);
            string body = end < 0 ? Docs[at..] : Docs[at..end];
            string? row = body.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{key}`", StringComparison.Ordinal));
            if (row is not null) return row;
        }
        throw new Xunit.Sdk.XunitException($"no row for {key} in section {section} of the reference page");
    }
}
