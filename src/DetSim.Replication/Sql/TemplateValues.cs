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
