namespace DetSim.Specs.Schema;

/// <summary>
/// One key of the spec format: its type, default, allowed values or range, and children. The
/// validator, the JSON Schema and the reference docs are all generated from these, so they agree.
/// </summary>
public sealed record Field(string Name, FieldType Type, string Description)
{
    public bool Required { get; init; }

    /// <summary>The default as spec text (given to the JSON Schema as <c>default</c>).</summary>
    public string? Default { get; init; }

    /// <summary>A default that is not a value ("replica_net_timeout / 2"): shown in the docs only.</summary>
    public string? DefaultNote { get; init; }

    /// <summary>MariaDB 10.11's default where it differs from MySQL 8.0's.</summary>
    public string? MariaDbDefault { get; init; }

    /// <summary>Where the default comes from (a MySQL manual page).</summary>
    public string? Citation { get; init; }

    /// <summary>For a list: the exact number of items (partition's two servers).</summary>
    public int? Count { get; init; }

    /// <summary>For a list or a dictionary: the fewest items (the mapper says why fewer are wrong).</summary>
    public int? MinItems { get; init; }

    /// <summary>For a map: exactly one of these keys must be given (a fault's action); the mapper reports it, the JSON Schema says it with oneOf.</summary>
    public IReadOnlyList<string> ExactlyOneOf { get; init; } = [];
    public IReadOnlyList<string> Values { get; init; } = [];
    public decimal? Min { get; init; }
    public decimal? Max { get; init; }
    public bool AllowNegative { get; init; }

    /// <summary>A duration that must be above zero (a timeout or a period: zero would spin).</summary>
    public bool Positive { get; init; }
    public IReadOnlyList<Field> Children { get; init; } = [];
    public Field? Items { get; init; }

    /// <summary>A string's required shape (a .NET and ECMA-262 regex, anchored): the validator and the JSON Schema both use it.</summary>
    public string? Pattern { get; init; }

    /// <summary>The rule <see cref="Pattern"/> encodes, in words, for error messages.</summary>
    public string? PatternHint { get; init; }

    /// <summary>For a dictionary: the shape of its keys (server names), checked by the validator and given to the JSON Schema as propertyNames.</summary>
    public string? KeyPattern { get; init; }
    public string? KeyHint { get; init; }

    public Field? Child(string name) => Children.FirstOrDefault(c => c.Name == name);

    /// <summary>The field a declared setting is written as: its type, default, range, allowed values and description come from the declaration.</summary>
    public static Field Of(Core.Settings.Setting s) => new(s.Name, s.Type switch
    {
        Core.Settings.SettingType.Bool => FieldType.Bool,
        Core.Settings.SettingType.Integer => FieldType.Integer,
        Core.Settings.SettingType.Number => FieldType.Number,
        Core.Settings.SettingType.Duration => FieldType.Duration,
        Core.Settings.SettingType.Size => FieldType.Size,
        Core.Settings.SettingType.Enum => FieldType.Enum,
        _ => FieldType.String,
    }, s.Description)
    {
        Required = s.Required, Default = s.DefaultText, DefaultNote = s.DefaultNote, MariaDbDefault = s.MariaDbDefaultText, Citation = s.Citation,
        Values = s.Values, Min = s.Min, Max = s.Max, AllowNegative = s.AllowNegative, Positive = s.Positive,
    };

    public string AllowedKeys => Children.Count == 0 ? "none: write {}" : string.Join(", ", Children.Select(c => c.Name));

    /// <summary>The spellings an enum value may take: as listed, in lower case, or in upper case (both the validator and the JSON Schema accept exactly these).</summary>
    public IReadOnlyList<string> Spellings =>
        Values.Concat(Values.Select(v => v.ToLowerInvariant())).Concat(Values.Select(v => v.ToUpperInvariant())).Distinct(StringComparer.Ordinal).ToList();

    public string TypeName => Type switch
    {
        FieldType.Enum => "one of " + string.Join(" | ", Values),
        FieldType.Integer => Min is not null || Max is not null ? $"integer {Min}..{Max}" : "integer",
        FieldType.Number => $"number {Min}..{Max}",
        FieldType.Duration => "duration (e.g. 250us, 15ms, 2s, 1m; a bare integer is ms)",
        FieldType.Size => "size (e.g. 4096, 64K, 1M, 1G)",
        FieldType.Seed => "64-bit seed (decimal or 0x-hex)",
        FieldType.Map => "mapping",
        FieldType.ServerOrMap => "server name, or mapping",
        FieldType.Dictionary => "mapping of names",
        FieldType.List => "list",
        FieldType.Bool => "true | false",
        _ => "string",
    };
}
