using System.Globalization;
using DetSim.Core.Time;

namespace DetSim.Core.Settings;

/// <summary>
/// One declared setting: its spec name, type, unit, default, allowed values or range, what it
/// means and where the default comes from. The option records take their defaults from these, and
/// the spec validator, the JSON Schema, docs/spec-reference.md and the spec mapper are generated
/// from them, so a default or a range is written once. Untyped view; see <see cref="Setting{T}"/>.
/// </summary>
public abstract record Setting
{
    protected Setting(string name, SettingType type, string description)
    {
        Name = name;
        Type = type;
        Description = description;
    }

    /// <summary>The key in a spec (MySQL's variable name where there is one).</summary>
    public string Name { get; init; }
    public SettingType Type { get; init; }
    public string Description { get; init; }

    /// <summary>Where the default comes from: a MySQL manual page or source file.</summary>
    public string? Citation { get; init; }

    /// <summary>The spec text of the default, or null when there is none (or it is derived, see <see cref="DefaultNote"/>).</summary>
    public abstract string? DefaultText { get; }

    /// <summary>A default that is not a constant ("replica_net_timeout / 2"), shown instead of <see cref="DefaultText"/>.</summary>
    public string? DefaultNote { get; init; }

    /// <summary>The MariaDB 10.11 default, as spec text, where it differs from MySQL 8.0's.</summary>
    public abstract string? MariaDbDefaultText { get; }

    public decimal? Min { get; init; }
    public decimal? Max { get; init; }

    /// <summary>A duration that may be negative (a clock step).</summary>
    public bool AllowNegative { get; init; }

    /// <summary>A duration that must be above zero (a timeout or a period: zero would spin).</summary>
    public bool Positive { get; init; }

    /// <summary>The key must be given (a fault's server, a client's name).</summary>
    public bool Required { get; init; }

    /// <summary>For <see cref="SettingType.Enum"/>: the spellings, in the case MySQL prints them.</summary>
    public IReadOnlyList<string> Values { get; init; } = [];

    /// <summary>The text shown for a default or value: a duration as 10s / 15ms / 250us, a size as 1G / 64K.</summary>
    public static string Text(object value) => value switch
    {
        bool b => b ? "true" : "false",
        Duration d => DurationText(d),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string DurationText(Duration d) =>
        d.Micros == 0 ? "0ms" : d.Micros % 1_000_000 == 0 ? $"{d.Micros / 1_000_000}s" : d.Micros % 1000 == 0 ? $"{d.Micros / 1000}ms" : $"{d.Micros}us";

    public static string SizeText(long bytes) =>
        bytes != 0 && bytes % (1L << 30) == 0 ? $"{bytes >> 30}G" : bytes != 0 && bytes % (1L << 20) == 0 ? $"{bytes >> 20}M" : bytes != 0 && bytes % 1024 == 0 ? $"{bytes >> 10}K" : bytes.ToString(CultureInfo.InvariantCulture);

    /// <summary>The spec text of a value of this setting (null for "not set").</summary>
    public abstract string? FormatValue(object? value);

    /// <summary>The typed value of a checked spec value (see <see cref="Setting{T}.Parse"/>), boxed: for code that walks settings without knowing their types.</summary>
    public abstract object? ParseValue(object raw);

    public override string ToString() => Name;
}

/// <summary>
/// A setting whose value is a <typeparamref name="T"/>. <see cref="Default"/> is the one place the
/// default is written; <see cref="Parse"/> turns the checked spec value (a long for integers and
/// sizes, a decimal for numbers, a bool, a <see cref="Duration"/>, or the canonical enum spelling)
/// into a <typeparamref name="T"/>.
/// </summary>
public sealed record Setting<T> : Setting
{
    private readonly Func<T, string?> _format;

    internal Setting(string name, SettingType type, string description, T @default, Func<object, T> parse, Func<T, string?> format)
        : base(name, type, description)
    {
        Default = @default;
        Parse = parse;
        _format = format;
    }

    public T Default { get; init; }

    /// <summary>True when MariaDB 10.11's default differs; it is then <see cref="MariaDbDefault"/>.</summary>
    public bool HasMariaDbDefault { get; private init; }

    public T MariaDbDefault { get; private init; } = default!;

    /// <summary>False for a setting with no default (absent means "not set", e.g. detect_after).</summary>
    public bool HasDefault { get; init; } = true;

    public Func<object, T> Parse { get; }

    public override object? ParseValue(object raw) => Parse(raw);

    /// <summary>The default for a flavour: MariaDB's where it differs, else MySQL's.</summary>
    public T DefaultFor(SettingFlavor flavor) => flavor == SettingFlavor.MariaDb1011 && HasMariaDbDefault ? MariaDbDefault : Default;

    public Setting<T> WithMariaDb(T mariaDbDefault) => this with { HasMariaDbDefault = true, MariaDbDefault = mariaDbDefault };

    public override string? DefaultText => HasDefault && DefaultNote is null ? _format(Default) : null;

    public override string? MariaDbDefaultText => HasMariaDbDefault ? _format(MariaDbDefault) : null;

    /// <summary>The spec text of a value of this setting.</summary>
    public string? Format(T value) => _format(value);

    public override string? FormatValue(object? value) => value is null ? null : _format((T)value);
}
