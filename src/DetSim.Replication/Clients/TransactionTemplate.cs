namespace DetSim.Replication.Clients;

/// <summary>
/// One kind of transaction in a client's mix: its statements, with placeholders filled per request:
/// <c>?</c> a key drawn uniformly from [<see cref="KeyMin"/>, <see cref="KeyMax"/>],
/// <c>{n}</c> a number unique to this client, <c>{session}</c> the session number.
/// </summary>
public sealed record TransactionTemplate(int Weight, IReadOnlyList<string> Sql, long KeyMin = 1, long KeyMax = 100)
{
    /// <summary>Where this kind of transaction goes, if not where the client sends the rest (reads to replicas, writes to the source).</summary>
    public TargetSelector? Target { get; init; }

    /// <summary>Every statement is a SELECT. Decided once: the client asks for every request it sends.</summary>
    public bool IsRead { get; } = Sql.All(s => s.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase));

    /// <summary>Each statement split at its placeholders once.</summary>
    internal IReadOnlyList<FilledTemplate> Filled { get; } = [.. Sql.Select(s => new FilledTemplate(s))];

    /// <summary>No statement has a placeholder: every request sends <see cref="Sql"/> itself (a reader's loop allocates no texts).</summary>
    internal bool Literal { get; } = Sql.All(s => !new FilledTemplate(s).HasPlaceholders);
}
