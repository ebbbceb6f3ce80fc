namespace DetSim.Replication.Sql;

/// <summary>A placeholder of a client's statement template (see <c>TransactionTemplate</c>).</summary>
public enum Placeholder : byte
{
    /// <summary><c>?</c>: the key drawn for the request.</summary>
    Key,

    /// <summary><c>{n}</c>: a number unique to the client.</summary>
    N,

    /// <summary><c>{session}</c>: the session number.</summary>
    Session,
}

/// <summary>Where a template's placeholders are: the lexer, the template parser and the client's filler read them alike.</summary>
public static class Placeholders
{
    /// <summary>The placeholder starting at <paramref name="i"/> and its length, or null.</summary>
    public static (Placeholder Kind, int Length)? At(string text, int i) =>
        text[i] == '?' ? (Placeholder.Key, 1)
        : string.CompareOrdinal(text, i, "{n}", 0, 3) == 0 ? (Placeholder.N, 3)
        : string.CompareOrdinal(text, i, "{session}", 0, 9) == 0 ? (Placeholder.Session, 9)
        : null;

    /// <summary>How many placeholders the text holds, wherever they stand (in strings and names too).</summary>
    public static int Count(string text)
    {
        int count = 0;
        for (int i = 0; i < text.Length; i++)
            if (At(text, i) is { } p)
            {
                count++;
                i += p.Length - 1;
            }
        return count;
    }
}

/// <summary>
/// What a request's template was filled with. The request still carries the filled text (what the
/// server logs and reports); these values let a server run the template's parse again instead of
/// parsing every unique text (<c>INSERT ... VALUES ({n})</c>), as a digest-keyed statement cache would.
/// </summary>
public readonly record struct TemplateValues(long Key, long N, long Session)
{
    public long this[Placeholder p] => p switch
    {
        Placeholder.Key => Key,
        Placeholder.N => N,
        _ => Session,
    };

    /// <summary>A negative value is filled as <c>-5</c>, which parses as a negation: only non-negative values bind.</summary>
    public bool Bindable => Key >= 0 && N >= 0 && Session >= 0;
}
