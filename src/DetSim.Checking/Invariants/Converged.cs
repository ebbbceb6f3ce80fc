using DetSim.Harness.Checking;
using DetSim.Core.Time;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Storage;

namespace DetSim.Checking.Invariants;

/// <summary>
/// After the cluster settles, every live server that replicates (directly or through a chain) from
/// the final source holds the source's rows and, with GTIDs, its GTID set. A live server that is
/// writable and replicates from no one after a failover (an old source that came back and was never
/// re-pointed) is compared too: clients that still reach it see another history. Reports the first
/// differing row. Inconclusive when the final source is down or the run was cut short.
/// </summary>
public sealed class Converged : IInvariant
{
    public string Name => "converged";
    public string Promise => "every live replica of the final source ends with the source's rows and GTID set";

    public CheckResult Check(RunReport report)
    {
        ServerSnapshot? source = FinalState.Source(report, out string? undecided);
        if (source is null) return CheckResult.Inconclusive(Name, undecided!);
        var violations = new List<Violation>();
        SimTime at = report.Result.EndTime;
        var followers = Followers(report, source.Name).ToList();
        foreach (ServerSnapshot replica in followers)
        {
            if (replica.Tables is null) continue;
            string? diff = FirstDifference(source.Tables!, replica.Tables);
            if (diff is not null)
                violations.Add(new Violation(Name, at, $"{replica.Name} differs from {source.Name}: {diff}{Why(replica)}", [], [source.Name, replica.Name]));
            else if (replica.GtidExecuted != source.GtidExecuted && replica.GtidExecuted is not null && source.GtidExecuted is not null
                     && report.Scenario.Servers.First(s => s.Name == replica.Name).Options.GtidMode)
                violations.Add(new Violation(Name, at, $"{replica.Name} gtid_executed [{replica.GtidExecuted}] differs from {source.Name} [{source.GtidExecuted}]{Why(replica)}", [], [source.Name, replica.Name]));
        }
        if (report.FailoverSnapshots.Count > 0 || report.Failovers.Count > 0)
            foreach (ServerSnapshot stray in report.Servers)
            {
                if (stray.Name == source.Name || !stray.Alive || stray.Tables is null || stray.ReadOnly || stray.ConfiguredSource is not null) continue;
                if (followers.Any(f => f.Name == stray.Name)) continue;
                string? diff = FirstDifference(source.Tables!, stray.Tables);
                if (diff is not null)
                    violations.Add(new Violation(Name, at, $"{stray.Name} is writable and replicates from no one after the failover, and differs from {source.Name}: {diff}", [], [source.Name, stray.Name]));
            }
        return CheckResult.Of(Name, violations);
    }

    /// <summary>Live servers whose source chain leads to <paramref name="source"/>.</summary>
    internal static IEnumerable<ServerSnapshot> Followers(RunReport report, string source)
    {
        foreach (ServerSnapshot s in report.Servers)
        {
            if (s.Name == source || !s.Alive) continue;
            string? cursor = s.ConfiguredSource;
            var seen = new HashSet<string>();
            while (cursor is not null && cursor != source && seen.Add(cursor))
                cursor = report.Server(cursor)?.ConfiguredSource;
            if (cursor == source) yield return s;
        }
    }

    private static string Why(ServerSnapshot replica) =>
        replica.Replica is { Healthy: false } st ? $" (replication stopped: {(st.LastSqlErrno != 0 ? $"SQL error {st.LastSqlErrno}: {st.LastSqlError}" : $"IO error {st.LastIoErrno}: {st.LastIoError}")})" : "";

    internal static string? FirstDifference(IReadOnlyDictionary<string, IReadOnlyList<Value[]>> a, IReadOnlyDictionary<string, IReadOnlyList<Value[]>> b)
    {
        foreach (string table in a.Keys.Union(b.Keys).OrderBy(t => t, StringComparer.Ordinal))
        {
            if (!a.TryGetValue(table, out var ra)) return $"table {table} exists only on the replica";
            if (!b.TryGetValue(table, out var rb)) return $"table {table} is missing";
            int i = 0, j = 0;
            while (i < ra.Count || j < rb.Count)
            {
                Value[]? x = i < ra.Count ? ra[i] : null, y = j < rb.Count ? rb[j] : null;
                if (x is not null && y is not null && x[0].Integer == y[0].Integer)
                {
                    if (!x.SequenceEqual(y)) return $"{table} row {x[0].Integer} is ({string.Join(",", y)}) but the source has ({string.Join(",", x)})";
                    i++; j++;
                }
                else if (y is null || (x is not null && x[0].Integer < y[0].Integer))
                    return $"{table} row {x![0].Integer} ({string.Join(",", x)}) is missing";
                else
                    return $"{table} row {y[0].Integer} ({string.Join(",", y)}) is extra";
            }
        }
        return null;
    }
}
