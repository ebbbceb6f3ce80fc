using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DetSim.Specs.Schema;

/// <summary>Generates the JSON Schema (draft 2020-12) of the spec format from <see cref="SpecSchema"/>, the same metadata the validator uses.</summary>
public static class JsonSchemaWriter
{
    public static string Generate()
    {
        JsonObject root = Node(SpecSchema.Root);
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        root["$id"] = "https://detsim.dev/spec.schema.json";
        root["title"] = "DetSim scenario spec";
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonObject Node(Field f)
    {
        var o = new JsonObject { ["description"] = f.Description };
        if (f.Default is not null) o["default"] = f.Default;
        switch (f.Type)
        {
            case FieldType.Map:
                o["type"] = "object";
                var props = new JsonObject();
                foreach (Field c in f.Children) props[c.Name] = Node(c);
                o["properties"] = props;
                o["additionalProperties"] = false;
                var required = f.Children.Where(c => c.Required).Select(c => (JsonNode)c.Name).ToArray();
                if (required.Length > 0) o["required"] = new JsonArray(required);
                break;
            case FieldType.Dictionary:
                o["type"] = "object";
                o["additionalProperties"] = Node(f.Items!);
                break;
            case FieldType.List:
                o["type"] = "array";
                o["items"] = Node(f.Items!);
                break;
            case FieldType.Integer:
                o["type"] = "integer";
                if (f.Min is { } min) o["minimum"] = min;
                if (f.Max is { } max) o["maximum"] = max;
                break;
            case FieldType.Number:
                o["type"] = "number";
                if (f.Min is { } nmin) o["minimum"] = nmin;
                if (f.Max is { } nmax) o["maximum"] = nmax;
                break;
            case FieldType.Bool:
                o["type"] = "boolean";
                break;
            case FieldType.Enum:
                o["enum"] = new JsonArray(f.Values.Select(v => (JsonNode)v).ToArray());
                break;
            case FieldType.Duration:
                o["type"] = new JsonArray("string", "integer");
                o["pattern"] = f.AllowNegative ? "^[-+]?[0-9]+(us|ms|s|m)?$" : "^[0-9]+(us|ms|s|m)?$";
                break;
            case FieldType.Size:
                o["type"] = new JsonArray("string", "integer");
                o["pattern"] = "^[0-9]+[KMGkmg]?$";
                break;
            case FieldType.Seed:
                o["type"] = new JsonArray("string", "integer");
                o["pattern"] = "^(0x[0-9a-fA-F]+|[0-9]+)$";
                break;
            case FieldType.Any:
                break;
            default:
                o["type"] = "string";
                break;
        }
        _ = CultureInfo.InvariantCulture;
        return o;
    }
}
