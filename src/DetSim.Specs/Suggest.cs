namespace DetSim.Specs;

/// <summary>"Did you mean": the allowed word closest to a mistyped one, and MySQL's older names for the ones a spec uses.</summary>
internal static class Suggest
{
    // MySQL 8.0.22+ renamed master/slave to source/replica (https://dev.mysql.com/doc/refman/8.0/en/replication-options-replica.html);
    // specs use the new names, people still type the old ones.
    private static readonly (string Old, string New)[] Renamed = [("master", "source"), ("slave", "replica"), ("slaves", "replicas")];

    public static string? DidYouMean(string typed, IEnumerable<string> allowed)
    {
        var words = allowed.ToList();
        string lower = typed.ToLowerInvariant();
        foreach ((string old, string @new) in Renamed)
        {
            string renamed = lower.Replace(old, @new, StringComparison.Ordinal);
            if (renamed != lower && words.FirstOrDefault(w => w.Equals(renamed, StringComparison.OrdinalIgnoreCase)) is { } hit) return hit;
        }
        if (words.FirstOrDefault(w => w.Equals(typed, StringComparison.OrdinalIgnoreCase)) is { } cased) return cased;
        int limit = Math.Max(1, Math.Min(3, typed.Length / 3));
        return words.Select(w => (Word: w, Distance: Distance(lower, w.ToLowerInvariant())))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance).ThenBy(x => x.Word, StringComparer.Ordinal)
            .Select(x => x.Word).FirstOrDefault();
    }

    /// <summary>Levenshtein distance (insert, delete, substitute), capped work for short words.</summary>
    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3 || a.Length > 64 || b.Length > 64) return int.MaxValue;
        var prev = new int[b.Length + 1];
        var cur = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (prev, cur) = (cur, prev);
        }
        return prev[b.Length];
    }
}
