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
}
