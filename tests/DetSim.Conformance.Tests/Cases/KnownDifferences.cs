namespace DetSim.Conformance.Tests.Cases;

/// <summary>
/// Comparisons where the model knowingly differs from MariaDB 10.11, each written down with its
/// reason in docs/model.md ("Known differences from MariaDB"). Anything else must agree.
/// </summary>
internal static class KnownDifferences
{
    public static readonly IReadOnlySet<string> Cases = new HashSet<string>(StringComparer.Ordinal)
    {
    };
}
