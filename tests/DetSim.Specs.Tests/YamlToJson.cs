using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs.Tests;

/// <summary>
/// A YAML document as an editor's JSON Schema check sees it: YAML 1.2's core schema, so a plain
/// `true` is a boolean, `5` an integer, `1.5` a number, `null` null, and `on`, `2s`, `1_000` strings.
/// </summary>
internal static partial class YamlToJson
{
    public static JsonNode? Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Node(stream.Documents[0].RootNode);
    }

    private static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Node(kv.Value)))),
        YamlSequenceNode s => new JsonArray(s.Children.Select(Node).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain } p => Plain(p.Value ?? ""),
        YamlScalarNode q => JsonValue.Create(q.Value ?? ""),
        _ => throw new ArgumentException($"unexpected YAML node {node.NodeType}"),
    };

    private static JsonNode? Plain(string v)
    {
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (IntegerForm().IsMatch(v)) return JsonValue.Create(long.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture));
        if (v.StartsWith("0x", StringComparison.Ordinal) && HexForm().IsMatch(v)) return JsonValue.Create(System.Convert.ToInt64(v[2..], 16));
        if (FloatForm().IsMatch(v)) return JsonValue.Create(decimal.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture));
        return JsonValue.Create(v);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerForm();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexForm();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatForm();
}
