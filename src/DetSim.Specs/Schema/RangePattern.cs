using System.Globalization;

namespace DetSim.Specs.Schema;

/// <summary>
/// Regular expressions for the numbers in a range, so the JSON Schema bounds a quoted integer, a
/// size with a unit ("2G") or a duration with a unit ("100000s") as the validator does: JSON Schema's
/// minimum and maximum bind only JSON numbers, and has no arithmetic on strings.
/// </summary>
internal static class RangePattern
{
    /// <summary>The decimal digits (leading zeros allowed) of every integer in [lo, hi]; <paramref name="gap"/> may follow each digit (Scalars.TryInteger drops underscores).</summary>
    public static string Digits(ulong lo, ulong hi, string gap = "")
    {
        var parts = new List<string>();
        Split(lo, hi, parts, gap);
        return $"(?:0{gap})*(?:{string.Join("|", parts)})";
    }

    /// <summary>The text of an integer in [min, max] as Scalars.TryInteger reads it: an optional sign, digits, underscores anywhere.</summary>
    public static string Integer(decimal min, decimal max)
    {
        const string gap = "_*";
        var alts = new List<string>();
        if (max >= 0) alts.Add($"(?:[+]{gap})?{Digits(ToU(Math.Max(0, min)), ToU(max), gap)}");
        if (min <= 0) alts.Add($"-{gap}{Digits(ToU(Math.Max(0, -max)), ToU(-min), gap)}");
        return $"^{gap}(?:{string.Join("|", alts)})$";
    }

    /// <summary>A size in [min, max] bytes, with or without K, M or G (Scalars.TrySize).</summary>
    public static string Size(decimal min, decimal max)
    {
        var alts = new List<string>();
        foreach ((string suffix, long unit) in new[] { ("", 1L), ("[Kk]", 1L << 10), ("[Mm]", 1L << 20), ("[Gg]", 1L << 30) })
        {
            decimal lo = Math.Ceiling(min / unit), hi = Math.Floor(max / unit);
            if (lo <= hi) alts.Add(Digits(ToU(lo), ToU(hi)) + suffix);
        }
        return $"^(?:{string.Join("|", alts)})$";
    }

    /// <summary>A duration of at most <paramref name="maxMicros"/> (at least 1 us when <paramref name="positive"/>), with a unit or as bare milliseconds (Scalars.TryDuration).</summary>
    public static string Duration(long maxMicros, bool positive, bool allowNegative)
    {
        var alts = new List<string>();
        foreach ((string suffix, long unit) in new[] { ("us", 1L), ("(?:ms)?", 1000L), ("s", 1_000_000L), ("m", 60_000_000L) })
            alts.Add(Digits(positive ? 1UL : 0UL, (ulong)(maxMicros / unit)) + suffix);
        return $"^{(allowNegative ? "[-+]" : "[+]")}?(?:{string.Join("|", alts)})$";
    }

    /// <summary>A decimal in [0, max] for an integral max (Scalars.TryNumber), or null when the bounds are not of that form.</summary>
    public static string? Number(decimal min, decimal max)
    {
        if (min != 0 || max < 1 || max != decimal.Truncate(max)) return null;
        string below = Digits(0, ToU(max - 1)), top = Digits(ToU(max), ToU(max));
        return $"^(?:[+]?(?:{below}(?:[.][0-9]*)?|{top}(?:[.]0*)?|[.][0-9]+)|-(?:0+[.]?0*|[.]0+))$";
    }

    private static ulong ToU(decimal d) => (ulong)d;

    private static void Split(ulong lo, ulong hi, List<string> parts, string gap)
    {
        if (lo > hi) return;
        int low = Length(lo), high = Length(hi);
        if (low < high)
        {
            ulong top = Pow10(low) - 1;
            Split(lo, top, parts, gap);
            Split(top + 1, hi, parts, gap);
            return;
        }
        parts.Add(Same(lo.ToString(CultureInfo.InvariantCulture), hi.ToString(CultureInfo.InvariantCulture), gap));
    }

    /// <summary>Every number from <paramref name="lo"/> to <paramref name="hi"/>, both with the same number of digits.</summary>
    private static string Same(string lo, string hi, string gap)
    {
        if (lo.Length == 0) return "";
        if (lo[0] == hi[0]) return lo[0] + gap + Same(lo[1..], hi[1..], gap);
        string restLo = lo[1..], restHi = hi[1..];
        bool fromZero = restLo.All(c => c == '0'), toNine = restHi.All(c => c == '9');
        var alts = new List<string>();
        char first = lo[0], last = hi[0];
        if (!fromZero) { alts.Add(lo[0] + gap + Same(restLo, new string('9', restLo.Length), gap)); first++; }
        if (!toNine) last--;
        if (first <= last) alts.Add(Class(first, last) + gap + Any(restLo.Length, gap));
        if (!toNine) alts.Add(hi[0] + gap + Same(new string('0', restHi.Length), restHi, gap));
        return alts.Count == 1 ? alts[0] : $"(?:{string.Join("|", alts)})";
    }

    private static string Class(char a, char b) => a == b ? a.ToString() : $"[{a}-{b}]";

    private static string Any(int n, string gap) => n == 0 ? "" : gap.Length == 0 ? $"[0-9]{{{n}}}" : $"(?:[0-9]{gap}){{{n}}}";

    private static int Length(ulong n) => n.ToString(CultureInfo.InvariantCulture).Length;

    private static ulong Pow10(int n)
    {
        ulong p = 1;
        for (int i = 0; i < n; i++) p *= 10;
        return p;
    }
}
