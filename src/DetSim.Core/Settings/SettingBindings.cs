namespace DetSim.Core.Settings;

/// <summary>
/// Which member of an option record <typeparamref name="TRecord"/> each declared setting is: read it,
/// and set it (checked against the declared range) without naming the member. Gives the fluent
/// <c>options.With(ServerSettings.SyncBinlog, 0)</c> and lets tests compare each record default
/// with its declaration.
/// </summary>
public sealed class SettingBindings<TRecord>
{
    private readonly List<Setting> _order = new();
    private readonly Dictionary<Setting, (Func<TRecord, object?> Get, Func<TRecord, object?, TRecord> Set)> _members = new(ReferenceEqualityComparer.Instance);

    /// <summary>The bound settings, in the order they were bound.</summary>
    public IReadOnlyList<Setting> Settings => _order;

    public SettingBindings<TRecord> Bind<T>(Setting<T> setting, Func<TRecord, T> get, Func<TRecord, T, TRecord> set)
    {
        _members.Add(setting, (r => get(r), (r, v) => set(r, (T)v!)));
        _order.Add(setting);
        return this;
    }

    public T Get<T>(TRecord record, Setting<T> setting) => (T)Member(setting).Get(record)!;

    /// <summary>The bound member's value, as the spec would write it.</summary>
    public string? Text(TRecord record, Setting setting) => setting.FormatValue(Member(setting).Get(record));

    /// <summary>A copy of <paramref name="record"/> with <paramref name="setting"/> set; throws when the value is outside the declared range.</summary>
    public TRecord With<T>(TRecord record, Setting<T> setting, T value)
    {
        if (ToDecimal(value) is { } d && ((setting.Min is { } lo && d < lo) || (setting.Max is { } hi && d > hi)))
            throw new ArgumentOutOfRangeException(setting.Name, $"{setting.Name} must be {setting.Min}..{setting.Max}, got {d}");
        return Member(setting).Set(record, value);
    }

    /// <summary>A copy with <paramref name="setting"/> set to an already checked value of its type (a spec mapper walking <see cref="Settings"/>).</summary>
    public TRecord WithValue(TRecord record, Setting setting, object? value) => Member(setting).Set(record, value);

    private (Func<TRecord, object?> Get, Func<TRecord, object?, TRecord> Set) Member(Setting setting) =>
        _members.TryGetValue(setting, out var m) ? m : throw new ArgumentException($"{setting.Name} is not a setting of {typeof(TRecord).Name}", nameof(setting));

    private static decimal? ToDecimal(object? value) => value switch
    {
        int i => i,
        long l => l,
        uint u => u,
        decimal m => m,
        _ => null,
    };
}
