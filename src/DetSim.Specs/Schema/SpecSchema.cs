using DetSim.Core.Faults;
using DetSim.Core.Settings;
using DetSim.Replication.Faults;
using DetSim.Replication.Settings;
using static DetSim.Specs.Schema.FieldType;

namespace DetSim.Specs.Schema;

/// <summary>
/// The spec format, key by key. Model settings and fault kinds come from their declarations
/// (Replication.Settings, Core.Settings, the fault kinds' files); only the spec's own keys are
/// written here. Defaults follow MySQL 8.0 (MYSQL-FACTS §10).
/// </summary>
public static class SpecSchema
{
    /// <summary>The invariants a spec may check: the checkers' own list (DetSim.Checking.InvariantCatalog.Names).</summary>
    public static IReadOnlyList<string> Invariants => global::DetSim.Checking.InvariantCatalog.Names;

    /// <summary>Every fault kind a spec may name, in the reference's order (the kernel's, then MySQL's).</summary>
    public static IReadOnlyList<FaultKind> FaultKinds => MySqlFaultKinds.WithCore;

    public static readonly string[] FaultActions = FaultKinds.Select(k => k.Name).ToArray();

    private static Field F(string name, FieldType type, string description) => new(name, type, description);

    private static Field Choice(string name, string description, string def, params string[] values) =>
        new(name, FieldType.Enum, description) { Values = values, Default = def };

    private static Field[] Of(IEnumerable<Setting> settings) => settings.Select(Field.Of).ToArray();

    public static Field Latency(string name) => F(name, Map, "a one-way latency distribution: min + exponential jitter, with a tail") with { Children = Of(NetworkSettings.Latency) };

    public static readonly Field ServerSettings = F("defaults", Map, "server settings applied to every server unless a server overrides them") with
    {
        Children =
        [
            .. Of(Replication.Settings.ServerSettings.Spec),
            F("semi_sync", Map, "source-side semi-synchronous replication") with { Children = Of(SemiSyncSettings.Spec) },
            .. Of(Replication.Settings.ServerSettings.SpecAfterSemiSync),
            F("clock", Map, "this server's clock") with { Children = Of([ClockSettings.Offset, ClockSettings.DriftPpm]) },
            Field.Of(Replication.Settings.ServerSettings.ServerId),
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
            .. Of([ClientSettings.Count, ClientSettings.Server, ClientSettings.Start, ClientSettings.Duration, ClientSettings.Think, ClientSettings.Timeout, ClientSettings.Until]),
            F("transactions", List, "weighted transaction mix") with
            {
                Required = true,
                Items = F("transaction", Map, "one transaction kind") with
                {
                    Children =
                    [
                        Field.Of(ClientSettings.Weight),
                        F("sql", List, "statements (? = a key from key_range, {n} = a number unique to the client, {session} = session number)") with { Required = true, Items = F("statement", FieldType.String, "SQL text") },
                        F("key_range", List, "[min, max] for ?") with { Items = new Field("bound", Integer, "key") { Min = long.MinValue, Max = long.MaxValue } },
                        F("server", FieldType.String, "send this kind of transaction elsewhere: source | replicas | any | a server name"),
                    ],
                },
            },
        ],
    };

    /// <summary>The spec field of one fault kind, from its declared shape and fields.</summary>
    public static Field FaultField(FaultKind kind)
    {
        string about = kind.Description + (kind.Weight is { } w ? $" (the nemesis draws it: nemesis.kinds.{w.Name})" : "");
        return kind.Shape switch
        {
            FaultShape.Server or FaultShape.Text => F(kind.Name, FieldType.String, about),
            FaultShape.ServerPair => F(kind.Name, List, about) with { Count = 2, Items = F("server", FieldType.String, "server") },
            FaultShape.ServerOrMap => F(kind.Name, ServerOrMap, about) with { Children = Of(kind.Fields) },
            _ => F(kind.Name, Map, about) with { Children = Of(kind.Fields) },
        };
    }

    public static readonly Field Fault = F("fault", Map, "a scripted fault: `at` and exactly one action") with
    {
        Children = [F("at", Duration, "when it strikes") with { Required = true }, .. FaultKinds.SelectMany(k => (Field[])[FaultField(k), .. Of(k.Siblings)])],
        ExactlyOneOf = FaultActions,
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
            F("check", List, "invariants checked on every run") with { Required = true, MinItems = 1, Items = new Field("invariant", FieldType.Enum, "invariant") { Values = Invariants } },
            Field.Of(SpecSettings.AvailabilityThreshold),
            Field.Of(SpecSettings.Seeds),
            F("seed_start", Seed, "first seed") with { Default = SpecSettings.SeedStart.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            Field.Of(SpecSettings.StepBudget),
            Field.Of(SpecSettings.TimeLimit),
            Field.Of(SpecSettings.HealAt),
            ServerSettings,
            F("servers", Dictionary, "servers by name, in order; `source:` makes a replica") with
            {
                Required = true, MinItems = 1, Items = Server,
                KeyPattern = "^[a-z][a-z0-9_-]*$", KeyHint = "server name (lowercase letter first, then letters, digits, _ or -)",
            },
            F("network", Map, "the network") with
            {
                Children =
                [
                    Latency("latency"),
                    Field.Of(NetworkSettings.LossPercent),
                    Field.Of(NetworkSettings.DuplicatePercent),
                    F("links", List, "per directed link overrides") with
                    {
                        Items = F("link", Map, "one directed link") with
                        {
                            Children = [F("from", FieldType.String, "server") with { Required = true }, F("to", FieldType.String, "server") with { Required = true }, Latency("latency"),
                                Field.Of(NetworkSettings.LossPercent) with { Description = "share lost", Default = null }, Field.Of(NetworkSettings.BothWays)],
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
                        Items = F("table", Map, "a table") with { Children = [F("create", FieldType.String, "CREATE TABLE statement") with { Required = true }, Field.Of(SpecSettings.TableRows)] },
                    },
                    F("clients", List, "client groups") with { Items = Client },
                ],
            },
            F("faults", List, "scripted faults") with { Items = Fault },
            F("nemesis", Map, "faults drawn from the seed") with
            {
                Children =
                [
                    F("between", List, $"[start, end] (default [{NemesisSettings.Start.DefaultText}, {NemesisSettings.End.DefaultText}])") with { Items = F("time", Duration, "time") },
                    Field.Of(NemesisSettings.MeanGap),
                    F("kinds", Map, "weights") with { Children = Of(CoreFaultKinds.Drawn.Select(k => k.Weight!)) },
                    F("crash_points", List, "crash point names the nemesis may arm (default: every commit-pipeline point)") with { Items = F("point", FieldType.String, "crash point name") },
                    Field.Of(NemesisSettings.CrashAtNthMax),
                    Field.Of(NemesisSettings.CrashAtMode),
                    Field.Of(NemesisSettings.CrashAtAfterMax),
                    F("servers", List, "servers the nemesis may hit (default: all)") with { Items = F("server", FieldType.String, "server") },
                    F("down", List, $"[min, max] outage length (default [{NemesisSettings.DownMin.DefaultText}, {NemesisSettings.DownMax.DefaultText}])") with { Items = F("time", Duration, "time") },
                ],
            },
            F("failover", Map, "the failover tool (orchestrator-like)") with { Children = Of(FailoverSettings.Spec) },
        ],
    };
}
