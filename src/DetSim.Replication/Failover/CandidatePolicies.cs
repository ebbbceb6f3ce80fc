using DetSim.Replication.Gtid;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;

namespace DetSim.Replication.Failover;

/// <summary>Which replica of the failed source a failover promotes, chosen from the statuses the tool read over the network.</summary>
public interface ICandidatePolicy
{
    /// <summary>The replica to promote among <paramref name="replicas"/> (reachable replicas of the failed source, in definition order), or null.</summary>
    ServerStatus? Pick(IReadOnlyList<ServerStatus> replicas);
}

public static class CandidatePolicies
{
    /// <summary>The policy <see cref="FailoverOptions.Promote"/> names.</summary>
    public static ICandidatePolicy For(FailoverOptions options) => options.Promote switch
    {
        PromotionRule.FirstReplica => new FirstReplica(),
        PromotionRule.Named => new NamedCandidate(options.Candidate),
        PromotionRule.LeastLag => new LeastLag(),
        _ => new MostAdvanced(),
    };
}

/// <summary>
/// The replica that received the most: the largest GTID set (executed plus retrieved), or the
/// furthest read position without GTIDs; ties go to the first name. Not Seconds_Behind_Source,
/// which can read 0 for a replica far behind (MYSQL-FACTS §8). Orchestrator's default.
/// </summary>
public sealed class MostAdvanced : ICandidatePolicy
{
    public ServerStatus? Pick(IReadOnlyList<ServerStatus> replicas) =>
        replicas.Count == 0 ? null
            : replicas.OrderByDescending(ReceivedCount).ThenByDescending(s => s.Replica?.ReadSourceLogPos ?? Binlog.BinlogCoordinates.None).ThenBy(s => s.Name, StringComparer.Ordinal).First();

    private static long ReceivedCount(ServerStatus s)
    {
        if (!s.GtidMode) return 0;
        GtidSet all = GtidSet.Parse(s.GtidExecuted);
        if (s.Replica is { } st) all.UnionWith(GtidSet.Parse(st.RetrievedGtidSet));
        return all.Count;
    }
}

/// <summary>The first reachable replica in definition order, however far behind (a naive script).</summary>
public sealed class FirstReplica : ICandidatePolicy
{
    public ServerStatus? Pick(IReadOnlyList<ServerStatus> replicas) => replicas.Count == 0 ? null : replicas[0];
}

/// <summary>The server the operator named (orchestrator's PreferredCandidate), if it is a reachable replica.</summary>
public sealed class NamedCandidate(string? name) : ICandidatePolicy
{
    public ServerStatus? Pick(IReadOnlyList<ServerStatus> replicas) => replicas.FirstOrDefault(s => s.Name == name);
}

/// <summary>
/// The replica showing the smallest Seconds_Behind_Source, ties to the first in definition order;
/// NULL (a replica thread stopped) sorts after every number. What naive scripts pick by: it reads 0
/// for a replica whose applier caught up with a receiver that is itself far behind, so it can
/// promote the replica that received least (RM80 show-replica-status.html; MYSQL-FACTS §8).
/// </summary>
public sealed class LeastLag : ICandidatePolicy
{
    public ServerStatus? Pick(IReadOnlyList<ServerStatus> replicas)
    {
        ServerStatus? best = null;
        long bestLag = long.MaxValue;
        foreach (ServerStatus s in replicas)
        {
            long lag = s.Replica?.SecondsBehindSource ?? long.MaxValue;
            if (best is null || lag < bestLag) (best, bestLag) = (s, lag);
        }
        return best;
    }
}
