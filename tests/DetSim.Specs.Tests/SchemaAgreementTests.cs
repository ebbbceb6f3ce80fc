using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DetSim.Specs.Schema;

namespace DetSim.Specs.Tests;

/// <summary>The JSON Schema editors use and the CLI's validator come from one definition (SpecSchema), so they accept the same values.</summary>
public class SchemaAgreementTests
{
    private static readonly JsonObject Schema = JsonNode.Parse(JsonSchemaWriter.Generate())!.AsObject();

    private static JsonObject At(params string[] path)
    {
        JsonObject o = Schema;
        foreach (string p in path) o = p == "*" ? o["additionalProperties"]!.AsObject() : o["properties"]![p]!.AsObject();
        return o;
    }

    private static bool SchemaAccepts(JsonObject field, JsonNode value)
    {
        if (field["enum"] is JsonArray e) return e.Any(v => JsonNode.DeepEquals(v, value));
        if (field["pattern"] is JsonNode p && value.GetValueKind() == System.Text.Json.JsonValueKind.String) return Regex.IsMatch(value.GetValue<string>(), p.GetValue<string>());
        return true;
    }

    private static bool CliAccepts(string yamlLine) =>
        SpecLoader.Parse($"name: agree\nexpect: holds\ncheck: [converged]\n{yamlLine}\nservers:\n  s1: {{}}\n  r1: {{ source: s1 }}\n", "agree.yaml").Ok;

    [Theory]
    [InlineData("defaults", "gtid_mode", "on", true)]
    [InlineData("defaults", "gtid_mode", "On", false)]
    [InlineData("defaults", "binlog_format", "statement", true)]
    public void Enum_spellings_agree(string map, string key, string value, bool accepted)
    {
        Assert.Equal(accepted, SchemaAccepts(At(map, key), JsonValue.Create(value)));
        Assert.Equal(accepted, CliAccepts($"{map}: {{ {key}: {value} }}"));
    }

    [Fact]
    public void A_wait_point_in_lower_case_is_accepted_by_both()
    {
        Assert.True(SchemaAccepts(At("defaults", "semi_sync", "wait_point"), JsonValue.Create("after_sync")));
        Assert.True(CliAccepts("defaults: { semi_sync: { wait_point: after_sync } }"));
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("true", true)]
    [InlineData("maybe", false)]
    [InlineData("yES", false)]
    public void Boolean_words_agree(string word, bool accepted)
    {
        // YAML 1.2 (what editors use) reads true/false as booleans and yes/no as strings.
        JsonNode value = word == "true" ? JsonValue.Create(true) : JsonValue.Create(word);
        Assert.Equal(accepted, SchemaAccepts(At("defaults", "replica_semi_sync"), value));
        Assert.Equal(accepted, CliAccepts($"defaults: {{ replica_semi_sync: {word} }}"));
    }

    [Theory]
    [InlineData("Bad_Name", false)]
    [InlineData("good-name-2", true)]
    public void Spec_names_agree(string name, bool accepted)
    {
        Assert.Equal(accepted, SchemaAccepts(At("name"), JsonValue.Create(name)));
        Assert.Equal(accepted, SpecLoader.Parse($"name: {name}\nexpect: holds\ncheck: [converged]\nservers: {{ s1: {{}} }}\n", "n.yaml").Ok);
    }

    [Fact]
    public void Server_names_agree()
    {
        string pattern = Schema["properties"]!["servers"]!["propertyNames"]!["pattern"]!.GetValue<string>();
        Assert.DoesNotMatch(pattern, "S1");
        Assert.False(SpecLoader.Parse("name: n\nexpect: holds\ncheck: [converged]\nservers: { S1: {} }\n", "n.yaml").Ok);
        Assert.Matches(pattern, "s1");
    }

    [Fact]
    public void Every_enum_lists_exactly_the_spellings_the_validator_takes()
    {
        void Walk(Field f, JsonObject o)
        {
            if (f.Type == FieldType.Enum) Assert.Equal(f.Spellings, o["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
            if (f.Type == FieldType.ServerOrMap) o = o["anyOf"]![1]!.AsObject(); // a name, or the mapping
            foreach (Field c in f.Children) Walk(c, o["properties"]![c.Name]!.AsObject());
            if (f.Items is { } items) Walk(items, (f.Type == FieldType.List ? o["items"] : o["additionalProperties"])!.AsObject());
        }
        Walk(SpecSchema.Root, Schema);
    }
}
