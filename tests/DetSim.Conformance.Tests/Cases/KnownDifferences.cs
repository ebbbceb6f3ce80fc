namespace DetSim.Conformance.Tests.Cases;

/// <summary>
/// Comparisons where the model knowingly differs from MariaDB 10.11, each written down with its
/// reason in docs/model.md ("Known differences from MariaDB"). Anything else must agree.
/// </summary>
internal static class KnownDifferences
{
    public static readonly IReadOnlySet<string> Cases = new HashSet<string>(StringComparer.Ordinal)
    {
        // The applier's error text is MySQL 8.0's (Replica/Applier.cs); MariaDB words it per event kind.
        "active-active without offsets: Last_SQL_Error of s1",
        "active-active without offsets: Last_SQL_Error of s2",
    };
}
