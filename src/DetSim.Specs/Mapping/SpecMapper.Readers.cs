using DetSim.Core.Settings;
using DetSim.Core.Time;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

// Small readers over a tree the validator has checked, so a scalar here has its declared shape.
internal sealed partial class SpecMapper
{
    /// <summary>The value given for <paramref name="setting"/> in <paramref name="map"/>, or its declared default.</summary>
    private static T Read<T>(YamlMappingNode? map, Setting<T> setting) => TryRead(map, setting, out T value) ? value : setting.Default;

    /// <summary>The value given for <paramref name="setting"/> in <paramref name="map"/>, if it is there and well formed.</summary>
    private static bool TryRead<T>(YamlMappingNode? map, Setting<T> setting, out T value)
    {
        value = default!;
        if (!TryReadRaw(map, setting, out object raw)) return false;
        value = setting.Parse(raw);
        return true;
    }

    /// <summary>A setting's value of any type, boxed (for mapping every declared setting of a record in one loop).</summary>
    private static bool TryReadValue(YamlMappingNode? map, Setting setting, out object? value)
    {
        value = null;
        if (!TryReadRaw(map, setting, out object raw)) return false;
        value = setting.ParseValue(raw);
        return true;
    }

    private static bool TryReadRaw(YamlMappingNode? map, Setting setting, out object raw)
    {
        raw = null!;
        if (Str(map, setting.Name) is not { } text) return false;
        object? value = setting.Type switch
        {
            SettingType.Bool => Scalars.TryBool(text, out bool b) ? b : null,
            SettingType.Integer => Scalars.TryInteger(text, out decimal i) ? (long)i : null,
            SettingType.Number => Scalars.TryNumber(text, out decimal n) ? n : null,
            SettingType.Duration => Scalars.TryDuration(text, setting.AllowNegative, out Duration d) ? d : null,
            SettingType.Size => Scalars.TrySize(text, out long size) ? size : null,
            SettingType.Enum => setting.Values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase)),
            _ => text,
        };
        if (value is null) return false;
        raw = value;
        return true;
    }

    private static YamlNode? Node(YamlNode? map, string key) =>
        map is YamlMappingNode m && m.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) ? v : null;

    private static string? Str(YamlMappingNode? map, string key) => (Node(map, key) as YamlScalarNode)?.Value;

    private static IEnumerable<YamlNode> Seq(YamlMappingNode? map, string key) => (Node(map, key) as YamlSequenceNode)?.Children ?? (IEnumerable<YamlNode>)[];

    private static long? Long(YamlMappingNode? map, string key) =>
        Str(map, key) is { } s && Scalars.TryInteger(s, out decimal d) ? (long)d : null;

    private static bool? Bool(YamlMappingNode? map, string key) => Str(map, key) is { } s && Scalars.TryBool(s, out bool b) ? b : null;

    private static Duration DurOf(YamlNode n) => n is YamlScalarNode s && Scalars.TryDuration(s.Value!, false, out Duration d) ? d : Duration.Zero;
}
