using System.Text.Json.Nodes;
using DetSim.Core.Faults;
using DetSim.Core.Settings;
using DetSim.Replication.Server;
using DetSim.Specs.Schema;

namespace DetSim.Specs.Tests;

/// <summary>Every registered fault kind is in the JSON Schema, the reference page and the mapper, found through the registry alone.</summary>
public class FaultRegistryTests
{
    public static TheoryData<string> Kinds => new(SpecSchema.FaultKinds.Select(k => k.Name));

    private static FaultKind Kind(string name) => SpecSchema.FaultKinds.Single(k => k.Name == name);

    [Fact]
    public void Kind_names_are_unique_and_in_a_fixed_order()
    {
        Assert.Equal(SpecSchema.FaultActions.Distinct().Count(), SpecSchema.FaultActions.Length);
        Assert.Equal(["crash", "restart", "partition", "isolate", "heal", "slow_link", "pause", "clock_jump", "clock_drift", "crash_at"], CoreFaultKinds.All.Select(k => k.Name));
        Assert.Equal(["crash", "partition", "pause", "clock_jump", "slow_link", "crash_at"], CoreFaultKinds.Drawn.Select(k => k.Name)); // the nemesis's draw order
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_kind_is_in_the_json_schema_with_its_fields(string name)
    {
        FaultKind kind = Kind(name);
        JsonObject fault = JsonNode.Parse(JsonSchemaWriter.Generate())!["properties"]!["faults"]!["items"]!.AsObject();
        JsonNode action = fault["properties"]![name]!;
        Assert.Contains(fault["oneOf"]!.AsArray(), o => o!["required"]![0]!.GetValue<string>() == name);
        JsonNode? map = action["anyOf"] is JsonArray any ? any[1] : action;
        foreach (Setting f in kind.Fields) Assert.NotNull(map!["properties"]![f.Name]);
        foreach (Setting s in kind.Siblings) Assert.NotNull(fault["properties"]![s.Name]);
        if (kind.Weight is { } w) Assert.NotNull(JsonNode.Parse(JsonSchemaWriter.Generate())!["properties"]!["nemesis"]!["properties"]!["kinds"]!["properties"]![w.Name]);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_kind_is_on_the_reference_page(string name)
    {
        string docs = MarkdownWriter.Generate();
        FaultKind kind = Kind(name);
        Assert.Contains($"| `{name}` |", docs);
        if (kind.Fields.Count > 0) Assert.Contains($"## `faults[].{name}`", docs);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void The_mapper_builds_the_kind_from_a_spec(string name)
    {
        FaultKind kind = Kind(name);
        string yaml = $"name: f\nexpect: holds\ncheck: [converged]\ndefaults: {{ gtid_mode: ON }}\nservers:\n  s1: {{}}\n  r1: {{ source: s1 }}\nfaults:\n  - {{ at: 1s, {name}: {Example(kind)} }}\n";
        SpecParseResult r = SpecLoader.Parse(yaml, "f.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        PlannedFault planned = Assert.Single(r.Spec!.Scenario.Faults.Faults);
        Assert.Equal(1_000_000, planned.At.Micros);
        Assert.Equal(kind.Build(new ExampleArgs())!.GetType(), planned.Fault.GetType());
    }

    /// <summary>A smallest spec value of a kind: its shape, with each required field given.</summary>
    private static string Example(FaultKind kind) => kind.Shape switch
    {
        FaultShape.Server or FaultShape.ServerOrMap => "r1",
        FaultShape.Text => "all",
        FaultShape.ServerPair => "[s1, r1]",
        _ => "{ " + string.Join(", ", kind.Fields.Where(f => f.Required).Select(f => $"{f.Name}: {ExampleValue(f)}")) + " }",
    };

    private static string ExampleValue(Setting f) => f.Type == SettingType.Server
        ? (f.Name == "source" ? "s1" : "r1")
        : f.Name == "point" ? CrashPointCatalog.Names[0] : "\"SELECT 1\"";

    private sealed class ExampleArgs : IFaultArgs
    {
        public IReadOnlyList<string> CrashPoints => CrashPointCatalog.Names;
        public string Server(Setting<string>? key = null) => "r1";
        public IReadOnlyList<string>? Servers() => ["s1", "r1"];
        public T Get<T>(Setting<T> setting) => setting.Type == SettingType.String && setting.Name == "point" ? (T)(object)CrashPointCatalog.Names[0] : setting.Type == SettingType.String ? (T)(object)"SELECT 1" : setting.Default;
        public bool Has(Setting setting) => false;
        public void Error(Setting? setting, string message) => throw new InvalidOperationException(message);
    }
}
