using DetSim.Core.Time;

namespace DetSim.Core.Settings;

/// <summary>Factories for <see cref="Setting{T}"/>: one line per declaration.</summary>
public static class Declare
{
    public static Setting<bool> Bool(string name, bool @default, string description) =>
        new(name, SettingType.Bool, description, @default, v => (bool)v, v => Setting.Text(v));

    public static Setting<long> Long(string name, long @default, decimal min, decimal max, string description) =>
        new(name, SettingType.Integer, description, @default, v => (long)v, v => Setting.Text(v)) { Min = min, Max = max };

    public static Setting<int> Int(string name, int @default, int min, int max, string description) =>
        new(name, SettingType.Integer, description, @default, v => checked((int)(long)v), v => Setting.Text(v)) { Min = min, Max = max };

    /// <summary>An integer setting held as another type (an enum whose values are MySQL's numbers).</summary>
    public static Setting<T> Integer<T>(string name, T @default, decimal min, decimal max, string description, Func<long, T> from, Func<T, long> to) =>
        new(name, SettingType.Integer, description, @default, v => from((long)v), v => Setting.Text(to(v))) { Min = min, Max = max };

    public static Setting<decimal> Number(string name, decimal @default, decimal min, decimal max, string description) =>
        new(name, SettingType.Number, description, @default, v => (decimal)v, v => Setting.Text(v)) { Min = min, Max = max };

    public static Setting<Duration> Duration(string name, Duration @default, string description) =>
        new(name, SettingType.Duration, description, @default, v => (Duration)v, v => Setting.DurationText(v));

    /// <summary>A duration with no default: absent means "not set".</summary>
    public static Setting<Duration?> OptionalDuration(string name, string description) =>
        new(name, SettingType.Duration, description, null, v => (Duration)v, v => v is { } d ? Setting.DurationText(d) : null) { HasDefault = false };

    public static Setting<long> Size(string name, long @default, long min, long max, string description) =>
        new(name, SettingType.Size, description, @default, v => (long)v, Setting.SizeText) { Min = min, Max = max };

    public static Setting<string> String(string name, string? @default, string description) =>
        new(name, SettingType.String, description, @default ?? "", v => (string)v, v => v) { HasDefault = @default is not null };

    /// <summary>A server name; required unless said otherwise.</summary>
    public static Setting<string> Server(string name, string description) =>
        new(name, SettingType.Server, description, "", v => (string)v, _ => null) { HasDefault = false, Required = true };

    /// <summary>One of a fixed set of spellings, each standing for a value of <typeparamref name="T"/>; the first pair whose value equals the default names it.</summary>
    public static Setting<T> Choice<T>(string name, T @default, string description, params (string Text, T Value)[] choices)
    {
        var map = choices.ToDictionary(c => c.Text, c => c.Value, StringComparer.OrdinalIgnoreCase);
        string? Format(T v) => choices.Where(c => EqualityComparer<T>.Default.Equals(c.Value, v)).Select(c => c.Text).FirstOrDefault();
        return new Setting<T>(name, SettingType.Enum, description, @default, v => map[(string)v], Format) { Values = choices.Select(c => c.Text).ToArray() };
    }
}
