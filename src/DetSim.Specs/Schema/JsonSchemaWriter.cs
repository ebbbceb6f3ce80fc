using System.Text.Json;
using System.Text.Json.Nodes;

namespace DetSim.Specs.Schema;

/// <summary>Generates the JSON Schema (draft 2020-12) of the spec format from <see cref="SpecSchema"/>, the same metadata the validator uses.</summary>
public static class JsonSchemaWriter
{
    public static string Generate()
    {
        // $schema and $id come first: a validator reading in order (JsonSchema.Net 8) must know the base URI before the subschemas.
        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "https://detsim.dev/spec.schema.json",
            ["title"] = "DetSim scenario spec",
        };
        foreach ((string key, JsonNode? value) in Node(SpecSchema.Root).ToList()) root[key] = value?.DeepClone();
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonObject Node(Field f)
    {
        var o = new JsonObject { ["description"] = f.Description };
        if (f.Default is not null) o["default"] = f.Default;
        switch (f.Type)
        {
            case FieldType.Map:
                Object(o, f);
                break;
            case FieldType.ServerOrMap:
                var map = new JsonObject();
                Object(map, f);
                o["anyOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, map);
                break;
            case FieldType.Dictionary:
                o["type"] = "object";
                if (f.KeyPattern is not null) o["propertyNames"] = new JsonObject { ["pattern"] = f.KeyPattern };
                if (f.MinItems is { } minProps) o["minProperties"] = minProps;
                o["additionalProperties"] = Node(f.Items!);
                break;
            case FieldType.List:
                o["type"] = "array";
                o["items"] = Node(f.Items!);
                if (f.Count is { } count) { o["minItems"] = count; o["maxItems"] = count; }
                if (f.MinItems is { } minItems) o["minItems"] = minItems;
                break;
            case FieldType.Integer:
                // The validator also reads a quoted or underscored integer ("5", 1_000); bounds apply to both.
                o["type"] = new JsonArray("integer", "string");
                o["pattern"] = RangePattern.Integer(f.Min ?? long.MinValue, f.Max ?? long.MaxValue);
                if (f.Min is { } min) o["minimum"] = min;
                if (f.Max is { } max) o["maximum"] = max;
                break;
            case FieldType.Number:
                o["type"] = new JsonArray("number", "string");
                o["pattern"] = RangePattern.Number(f.Min ?? 0, f.Max ?? 0) ?? "^[-+]?([0-9]+[.]?[0-9]*|[.][0-9]+)$";
                if (f.Min is { } nmin) o["minimum"] = nmin;
                if (f.Max is { } nmax) o["maximum"] = nmax;
                break;
            case FieldType.Bool:
                // YAML 1.2 reads true/false as booleans and yes/no/on/off as strings: the validator accepts both (Scalars.TrueWords/FalseWords).
                o["enum"] = new JsonArray([JsonValue.Create(true), JsonValue.Create(false), .. Scalars.TrueWords.Concat(Scalars.FalseWords).Where(w => w is not ("true" or "false")).Select(w => (JsonNode)w)]);
                break;
            case FieldType.Enum:
                o["enum"] = new JsonArray(f.Spellings.Select(v => (JsonNode)v).ToArray());
                break;
            case FieldType.Duration:
                o["type"] = new JsonArray("string", "integer");
                // At most a simulated day in any unit; a positive one is at least 1 of its unit.
                o["pattern"] = RangePattern.Duration(Scalars.MaxDuration.Micros, f.Positive, f.AllowNegative);
                o["maximum"] = Scalars.MaxDuration.Micros / 1000; // a bare integer is milliseconds
                if (f.Positive) o["exclusiveMinimum"] = 0;
                else o["minimum"] = f.AllowNegative ? -Scalars.MaxDuration.Micros / 1000 : 0;
                break;
            case FieldType.Size:
                o["type"] = new JsonArray("string", "integer");
                o["pattern"] = RangePattern.Size(f.Min ?? 0, f.Max ?? long.MaxValue);
                // Bounds bind a bare number of bytes; a suffixed size is checked by the validator only (JSON Schema has no arithmetic on strings).
                if (f.Min is { } smin) o["minimum"] = smin;
                if (f.Max is { } smax) o["maximum"] = smax;
                break;
            case FieldType.Seed:
                o["type"] = new JsonArray("string", "integer");
                o["pattern"] = "^(0[xX][0-9a-fA-F_]+|[0-9_]+)$";
                break;
            default:
                o["type"] = "string";
                if (f.Pattern is not null) o["pattern"] = f.Pattern;
                break;
        }
        return o;
    }

    private static void Object(JsonObject o, Field f)
    {
        o["type"] = "object";
        var props = new JsonObject();
        foreach (Field c in f.Children) props[c.Name] = Node(c);
        o["properties"] = props;
        o["additionalProperties"] = false;
        var required = f.Children.Where(c => c.Required).Select(c => (JsonNode)c.Name).ToArray();
        if (required.Length > 0) o["required"] = new JsonArray(required);
        if (f.ExactlyOneOf.Count > 0)
            o["oneOf"] = new JsonArray(f.ExactlyOneOf.Select(k => (JsonNode)new JsonObject { ["required"] = new JsonArray((JsonNode)k) }).ToArray());
    }
}
