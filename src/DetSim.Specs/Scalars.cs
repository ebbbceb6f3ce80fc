using System.Globalization;
using DetSim.Core.Time;

namespace DetSim.Specs;

/// <summary>Parsers for the spec's scalar forms; each returns false with no exception on bad text.</summary>
public static class Scalars
{
    /// <summary>The longest duration a spec may give (one simulated day): longer ones only overflow simulated time.</summary>
    public static readonly Duration MaxDuration = Duration.FromSeconds(86_400);

    /// <summary>The words a boolean may be (YAML 1.2's true/false and YAML 1.1's yes/no/on/off), each in lower, title and upper case; the JSON Schema lists the same.</summary>
    public static readonly IReadOnlyList<string> TrueWords = Cases("true", "yes", "on"), FalseWords = Cases("false", "no", "off");

    private static string[] Cases(params string[] words) =>
        words.SelectMany(w => new[] { w, char.ToUpperInvariant(w[0]) + w[1..], w.ToUpperInvariant() }).ToArray();

    public static bool TryDuration(string text, bool allowNegative, out Duration duration) =>
        TryDuration(text, allowNegative, out duration, out bool tooLong) && !tooLong;

    /// <summary>Parses a duration; <paramref name="tooLong"/> says it has the right shape but exceeds <see cref="MaxDuration"/>.</summary>
    public static bool TryDuration(string text, bool allowNegative, out Duration duration, out bool tooLong)
    {
        duration = default;
        tooLong = false;
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
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return false;
        if (!long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long n) || n > MaxDuration.Micros / unit)
        {
            tooLong = true;
            return true;
        }
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
        value = TrueWords.Contains(text.Trim());
        return value || FalseWords.Contains(text.Trim());
    }
}
