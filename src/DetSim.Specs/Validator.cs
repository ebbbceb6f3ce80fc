using System.Text.RegularExpressions;
using DetSim.Specs.Schema;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

/// <summary>
/// Checks a YAML tree against <see cref="SpecSchema"/>: unknown keys (with a "did you mean"), wrong
/// types, values out of range, not among the allowed ones or not of the required shape, missing
/// required keys. Collects every error; never throws. <see cref="YamlGuard"/> has already bounded
/// the tree's depth and size and made every key a scalar.
/// </summary>
internal sealed class Validator(string file, List<SpecError> errors)
{
    public void Check(YamlNode node, Field field, string path)
    {
        switch (field.Type)
        {
            case FieldType.Map: CheckMap(node, field, path); break;
            case FieldType.Dictionary:
                if (node is not YamlMappingNode dict) { Error(node, path, $"expected a {field.TypeName}"); return; }
                foreach ((YamlNode key, YamlNode value) in dict.Children)
                {
                    string name = Key(key);
                    if (field.KeyPattern is { } kp && !Regex.IsMatch(name, kp, RegexOptions.CultureInvariant))
                        Error(key, $"{path}.{name}", $"'{name}' is not a valid {field.KeyHint}");
                    Check(value, field.Items!, $"{path}.{name}");
                }
                break;
            case FieldType.List:
                if (node is not YamlSequenceNode seq) { Error(node, path, $"expected a list of {field.Items!.TypeName}"); return; }
                int i = 0;
                foreach (YamlNode item in seq.Children) Check(item, field.Items!, $"{path}[{i++}]");
                break;
            case FieldType.ServerOrMap:
                if (node is YamlMappingNode) CheckMap(node, field, path);
                else CheckScalar(node, field with { Type = FieldType.String }, path);
                break;
            default: CheckScalar(node, field, path); break;
        }
    }

    private static string Key(YamlNode key) => (key as YamlScalarNode)?.Value ?? "";

    private void CheckMap(YamlNode node, Field field, string path)
    {
        if (node is not YamlMappingNode map)
        {
            Error(node, path, field.Children.Count == 0 ? "expected {} (this takes no settings)" : $"expected a mapping with keys: {field.AllowedKeys}");
            return;
        }
        foreach ((YamlNode keyNode, YamlNode value) in map.Children)
        {
            string key = Key(keyNode);
            string childPath = path.Length == 0 ? key : $"{path}.{key}";
            Field? child = field.Child(key);
            if (child is null)
            {
                Error(keyNode, childPath, field.Children.Count == 0
                    ? $"unknown key '{key}': {(path.Length == 0 ? "this" : path)} takes no settings (write {{}})"
                    : Suggest.DidYouMean(key, field.Children.Select(c => c.Name)) is { } like
                        ? $"unknown key '{key}': did you mean '{like}'? (allowed: {field.AllowedKeys})"
                        : $"unknown key '{key}' (allowed: {field.AllowedKeys})");
                continue;
            }
            Check(value, child, childPath);
        }
        foreach (Field required in field.Children.Where(c => c.Required))
            if (!map.Children.Keys.OfType<YamlScalarNode>().Any(k => k.Value == required.Name))
                Error(map, path.Length == 0 ? required.Name : $"{path}.{required.Name}", $"missing required key '{required.Name}' ({required.Description})");
    }

    private void CheckScalar(YamlNode node, Field field, string path)
    {
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            Error(node, path, $"expected {field.TypeName}, not a {(node is YamlSequenceNode ? "list" : "mapping")}");
            return;
        }
        string v = scalar.Value;
        switch (field.Type)
        {
            case FieldType.Integer:
                if (!Scalars.TryInteger(v, out decimal n) || n != decimal.Truncate(n)) Error(node, path, $"'{v}' is not an integer (expected {field.TypeName})");
                else if (n < (field.Min ?? long.MinValue) || n > (field.Max ?? long.MaxValue)) Error(node, path, $"{v} is out of range (allowed: {field.Min ?? long.MinValue}..{field.Max ?? long.MaxValue})");
                break;
            case FieldType.Number:
                if (!Scalars.TryNumber(v, out decimal d)) Error(node, path, $"'{v}' is not a number (expected {field.TypeName})");
                else if ((field.Min is { } lo && d < lo) || (field.Max is { } hi && d > hi)) Error(node, path, $"{v} is out of range (allowed: {field.Min}..{field.Max})");
                break;
            case FieldType.Bool:
                if (!Scalars.TryBool(v, out _)) Error(node, path, $"'{v}' is not a boolean (allowed: true, false; also yes/no, on/off)");
                break;
            case FieldType.Duration:
                if (!Scalars.TryDuration(v, field.AllowNegative, out Core.Time.Duration duration, out bool tooLong))
                    Error(node, path, $"'{v}' is not a {(field.AllowNegative ? "" : "non-negative ")}duration (use a unit: 250us, 15ms, 2s, 1m; a bare integer is ms)");
                else if (tooLong) Error(node, path, $"'{v}' is longer than the longest duration a spec may give ({Scalars.MaxDuration.Micros / 1_000_000}s, one simulated day)");
                else if (field.Positive && duration.Micros <= 0) Error(node, path, $"'{v}' must be a positive duration (a zero timeout or period would never wait)");
                break;
            case FieldType.Size:
                if (!Scalars.TrySize(v, out long size)) Error(node, path, $"'{v}' is not a size (e.g. 4096, 64K, 1M, 1G)");
                else if ((field.Min is { } smin && size < smin) || (field.Max is { } smax && size > smax)) Error(node, path, $"{v} is out of range (allowed: {field.Min}..{field.Max} bytes)");
                break;
            case FieldType.Seed:
                if (!Scalars.TrySeed(v, out _)) Error(node, path, $"'{v}' is not a 64-bit unsigned seed (decimal or 0x-hex)");
                break;
            case FieldType.Enum:
                if (!field.Spellings.Contains(v, StringComparer.Ordinal))
                    Error(node, path, Suggest.DidYouMean(v, field.Values) is { } like
                        ? $"'{v}' is not allowed: did you mean '{like}'? (allowed: {string.Join(", ", field.Values)})"
                        : $"'{v}' is not allowed (allowed: {string.Join(", ", field.Values)})");
                break;
            default:
                if (field.Pattern is { } pattern && !Regex.IsMatch(v, pattern, RegexOptions.CultureInvariant))
                    Error(node, path, $"'{v}' is not a valid {field.PatternHint}");
                break;
        }
    }

    public void Error(YamlNode node, string path, string message) =>
        errors.Add(new SpecError(file, (int)node.Start.Line, (int)node.Start.Column, path, message));
}
