using System.Globalization;
using DetSim.Core.Time;

namespace DetSim.Specs;

/// <summary>Parsers for the spec's scalar forms; each returns false with no exception on bad text.</summary>
public static class Scalars
{
    public static bool TryDuration(string text, bool allowNegative, out Duration duration)
    {
        duration = default;
        string t = text.Trim();
        bool negative = t.StartsWith('-');
        if (negative && !allowNegative) return false;
        if (negative || t.StartsWith('+')) t = t[1..];
        (string digits, long unit) = t switch
        {
            _ when t.EndsWith("us", StringComparison.Ordinal) => (t[..^2], 1L),
            _ when t.EndsWith("ms", StringComparison.Ordinal) => (t[..^2], 1000L),
            _ when t.EndsWith('s') => (t[..^1], 1_000_000L),
            _ when t.EndsWith('m') => (t[..^1], 60_000_000L),
            _ => (t, 1000L),
        };
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > long.MaxValue / unit) return false;
        duration = new Duration((negative ? -n : n) * unit);
        return true;
    }

    public static bool TrySize(string text, out long bytes)
    {
        bytes = 0;
        string t = text.Trim().ToUpperInvariant();
        long unit = t.EndsWith('K') ? 1024 : t.EndsWith('M') ? 1024 * 1024 : t.EndsWith('G') ? 1024L * 1024 * 1024 : 1;
        if (unit != 1) t = t[..^1];
        if (!long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > long.MaxValue / unit) return false;
        bytes = n * unit;
        return true;
    }

    public static bool TrySeed(string text, out ulong seed)
    {
        string t = text.Trim().Replace("_", "", StringComparison.Ordinal);
        return t.StartsWith("0x", StringComparison.OrdinalIgnoreCase)
            ? ulong.TryParse(t[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out seed)
            : ulong.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out seed);
    }

    public static bool TryInteger(string text, out decimal value) =>
        decimal.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);

    public static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);

    public static bool TryBool(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "on" or "yes": value = true; return true;
            case "false" or "off" or "no": value = false; return true;
            default: value = false; return false;
        }
    }
}
