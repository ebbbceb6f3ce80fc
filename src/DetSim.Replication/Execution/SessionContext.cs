using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Execution;

/// <summary>
/// A session's view of non-deterministic values. On the source everything comes from the server
/// and the client session; a replica applying a STATEMENT event sets the carried values (header
/// timestamp, INSERT_ID, RAND seeds, user variables) and keeps its own clock and random stream for
/// the rest.
/// </summary>
public sealed class SessionContext : ISessionContext
{
    private readonly Func<SimTime> _clock;

    public SessionContext(Func<SimTime> clock, IChoiceSource random, string user, long connectionId, string serverUuid, int increment, int offset)
    {
        _clock = clock;
        Random = random;
        User = user;
        ConnectionId = connectionId;
        ServerUuid = serverUuid;
        AutoIncrementIncrement = increment;
        AutoIncrementOffset = offset;
        StatementTime = clock();
    }

    public SimTime StatementTime { get; set; }
    public SimTime SysdateTime => _clock();
    public IChoiceSource Random { get; }
    public string User { get; }
    public long ConnectionId { get; set; }
    public string ServerUuid { get; }
    public int AutoIncrementIncrement { get; set; }
    public int AutoIncrementOffset { get; set; }
    public long? InsertIdOverride { get; set; }
    public (ulong Seed1, ulong Seed2)? RandSeedOverride { get; set; }
    // Made on first use: the applier's session per transaction and most client sessions never set one.
    private SortedDictionary<string, Value>? _userVariables;

    public IDictionary<string, Value> UserVariables => _userVariables ??= new(StringComparer.OrdinalIgnoreCase);
    public long LastInsertId { get; set; }

    /// <summary>SET sql_log_bin: off, the session's writes commit in the engine only (no binlog, no GTID).</summary>
    public bool SqlLogBin { get; set; } = true;

    /// <summary>SET SESSION transaction_isolation; null: the server's default.</summary>
    public IsolationLevel? Isolation { get; set; }

    /// <summary>Clears the per-statement carried values before the next statement.</summary>
    public void ResetCarried()
    {
        InsertIdOverride = null;
        RandSeedOverride = null;
    }
}
