using System.Globalization;
using System.Text;

namespace DetSim.Replication.Gtid;

/// <summary>
/// A set of GTIDs as MySQL keeps it: per source UUID, a sorted list of disjoint, non-adjacent
/// intervals (<c>uuid:1-5:7-9</c>). UUIDs are ordered ordinally, so the text form is canonical.
/// Mutable, because gtid_executed grows by one transaction at a time; <see cref="Clone"/> for snapshots.
/// </summary>
public sealed class GtidSet : IEquatable<GtidSet>
{
    // A sorted list, not a tree: a UUID or two, and a server's owned set gains and loses its UUID with
    // every transaction it commits (a tree allocated a node each time).
    private readonly SortedList<string, List<GtidInterval>> _sets = new(StringComparer.Ordinal);

    public static GtidSet Empty => new();

    public bool IsEmpty => _sets.Count == 0;

    public IEnumerable<string> SourceIds => _sets.Keys;

    public long Count => _sets.Values.Sum(list => list.Sum(i => i.Count));

    public IReadOnlyList<GtidInterval> IntervalsOf(string sourceId) =>
        _sets.TryGetValue(sourceId, out List<GtidInterval>? list) ? list : [];

    public GtidSet Clone()
    {
        var copy = new GtidSet();
        foreach ((string sid, List<GtidInterval> list) in _sets) copy._sets.Add(sid, new List<GtidInterval>(list));
        return copy;
    }

    public bool Contains(Gtid gtid) => Contains(gtid.SourceId, gtid.Gno);

    public bool Contains(string sourceId, long gno)
    {
        if (!_sets.TryGetValue(sourceId, out List<GtidInterval>? list)) return false;
        int i = FindFirstEndingAtOrAfter(list, gno);
        return i < list.Count && list[i].Start <= gno;
    }

    public void Add(Gtid gtid) => AddInterval(gtid.SourceId, gtid.Gno, gtid.Gno);

    public void AddInterval(string sourceId, long start, long end)
    {
        if (start < 1 || end < start) throw new ArgumentOutOfRangeException(nameof(start), $"bad GTID interval {sourceId}:{start}-{end}: numbers start at 1");
        if (!_sets.TryGetValue(sourceId, out List<GtidInterval>? list))
        {
            _sets.Add(sourceId, [new GtidInterval(start, end)]);
            return;
        }
        // Merge [start, end] with every interval it overlaps or touches.
        int i = FindFirstEndingAtOrAfter(list, start - 1);
        long s = start, e = end;
        int j = i;
        while (j < list.Count && list[j].Start <= end + 1)
        {
            s = Math.Min(s, list[j].Start);
            e = Math.Max(e, list[j].End);
            j++;
        }
        list.RemoveRange(i, j - i);
        list.Insert(i, new GtidInterval(s, e));
    }

    /// <summary>Removes one GTID (owned GTIDs leave the set when their transaction commits).</summary>
    public void Remove(Gtid gtid)
    {
        if (!_sets.TryGetValue(gtid.SourceId, out List<GtidInterval>? list)) return;
        int i = FindFirstEndingAtOrAfter(list, gtid.Gno);
        if (i >= list.Count || list[i].Start > gtid.Gno) return;
        GtidInterval iv = list[i];
        list.RemoveAt(i);
        if (gtid.Gno < iv.End) list.Insert(i, new GtidInterval(gtid.Gno + 1, iv.End));
        if (gtid.Gno > iv.Start) list.Insert(i, new GtidInterval(iv.Start, gtid.Gno - 1));
        if (list.Count == 0) _sets.Remove(gtid.SourceId);
    }

    public void UnionWith(GtidSet other)
    {
        foreach ((string sid, List<GtidInterval> list) in other._sets)
            foreach (GtidInterval iv in list) AddInterval(sid, iv.Start, iv.End);
    }

    /// <summary>GTID_SUBTRACT(this, other): what this set has that <paramref name="other"/> lacks.</summary>
    public GtidSet Subtract(GtidSet other)
    {
        var result = new GtidSet();
        foreach ((string sid, List<GtidInterval> list) in _sets)
        {
            IReadOnlyList<GtidInterval> minus = other.IntervalsOf(sid);
            foreach (GtidInterval iv in list)
            {
                long cursor = iv.Start;
                foreach (GtidInterval m in minus)
                {
                    if (m.End < cursor) continue;
                    if (m.Start > iv.End) break;
                    if (m.Start > cursor) result.AddInterval(sid, cursor, m.Start - 1);
                    cursor = Math.Max(cursor, m.End + 1);
                    if (cursor > iv.End) break;
                }
                if (cursor <= iv.End) result.AddInterval(sid, cursor, iv.End);
            }
        }
        return result;
    }

    /// <summary>GTID_SUBSET(this, other).</summary>
    public bool IsSubsetOf(GtidSet other) => Subtract(other).IsEmpty;

    /// <summary>The highest GNO of the sources <paramref name="which"/> accepts (all when null), with its source; null when none.</summary>
    public Gtid? Last(Func<string, bool>? which = null)
    {
        Gtid? best = null;
        foreach ((string sid, List<GtidInterval> list) in _sets)
        {
            if (list.Count == 0 || (which is not null && !which(sid))) continue;
            long end = list[^1].End;
            if (best is not { } b || end > b.Gno) best = new Gtid(sid, end);
        }
        return best;
    }

    /// <summary>The next GNO a source with this UUID assigns: the smallest number not yet used (MySQL fills from 1, no gaps).</summary>
    public long NextGno(string sourceId)
    {
        IReadOnlyList<GtidInterval> list = IntervalsOf(sourceId);
        if (list.Count == 0 || list[0].Start > 1) return 1;
        return list[0].End + 1;
    }

    /// <summary>Parses MySQL's text form: <c>uuid:1-5:7,uuid2:3</c> (whitespace and newlines allowed).</summary>
    public static GtidSet Parse(string text)
    {
        var set = new GtidSet();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] pieces = part.Split(':');
            if (pieces.Length < 2 || pieces[0].Length == 0) throw new FormatException($"malformed GTID set element '{part}': expected uuid:interval[:interval...]");
            foreach (string interval in pieces.Skip(1))
            {
                string[] bounds = interval.Split('-');
                if (bounds.Length is < 1 or > 2
                    || !long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out long start)
                    || (bounds.Length == 2 && !long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
                    throw new FormatException($"malformed GTID interval '{interval}' in '{part}'");
                long end = bounds.Length == 2 ? long.Parse(bounds[1], CultureInfo.InvariantCulture) : start;
                set.AddInterval(pieces[0], start, end);
            }
        }
        return set;
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach ((string sid, List<GtidInterval> list) in _sets)
        {
            if (sb.Length > 0) sb.Append(',');
            sb.Append(sid);
            foreach (GtidInterval iv in list) sb.Append(':').Append(iv.ToString());
        }
        return sb.ToString();
    }

    public bool Equals(GtidSet? other)
    {
        if (other is null || other._sets.Count != _sets.Count) return false;
        foreach ((string sid, List<GtidInterval> list) in _sets)
        {
            if (!other._sets.TryGetValue(sid, out List<GtidInterval>? o) || o.Count != list.Count) return false;
            for (int i = 0; i < list.Count; i++)
                if (list[i] != o[i]) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => obj is GtidSet other && Equals(other);

    /// <summary>Hash from the canonical text via a stable hash (never string.GetHashCode).</summary>
    public override int GetHashCode() => (int)DetSim.Core.Random.StableHash.Of(ToString());

    private static int FindFirstEndingAtOrAfter(List<GtidInterval> list, long gno)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (list[mid].End < gno) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
