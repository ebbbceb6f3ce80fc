using System.Runtime.InteropServices;

namespace DetSim.Replication.Storage;

/// <summary>A read's result rows as a span, for the loops that visit every row of every read (digests, checkers) without an interface call per row.</summary>
public static class ResultRows
{
    /// <summary>The rows of <paramref name="rows"/>: in place for an array or a list (every result the executor makes), else copied. Results are not changed once made.</summary>
    public static ReadOnlySpan<Value[]> Span(IReadOnlyList<Value[]> rows) => rows switch
    {
        Value[][] array => array,
        List<Value[]> list => CollectionsMarshal.AsSpan(list),
        _ => rows.ToArray(),
    };

    /// <summary>How far into a result the previous result's first row is looked for.</summary>
    private const int SharedRunSearch = 16;

    /// <summary>
    /// Where <paramref name="previous"/>'s first row array sits in <paramref name="rows"/> (looked for
    /// among its first rows), or -1. A read of the newest rows mostly returns the previous read's row
    /// arrays shifted by the rows inserted between; <see cref="Shared"/> then tells the shared run.
    /// </summary>
    public static int ShiftFrom(ReadOnlySpan<Value[]> rows, ReadOnlySpan<Value[]> previous) =>
        previous.Length == 0 ? -1 : rows[..Math.Min(rows.Length, SharedRunSearch)].IndexOf(previous[0]);

    /// <summary>True when <paramref name="rows"/>[<paramref name="i"/>] is the same array as the previous result's row at <paramref name="i"/> - <paramref name="shift"/>.</summary>
    public static bool Shared(ReadOnlySpan<Value[]> rows, ReadOnlySpan<Value[]> previous, int shift, int i) =>
        shift >= 0 && i >= shift && i - shift < previous.Length && ReferenceEquals(previous[i - shift], rows[i]);
}
