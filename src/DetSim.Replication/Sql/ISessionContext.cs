using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Replication.Sql;

/// <summary>
/// Where a statement's non-deterministic values come from. On the source these are the session's
/// and the server's; a replica re-executing a STATEMENT-format event gets the values the binlog
/// carries (timestamp, INSERT_ID, RAND seeds, user variables) and its OWN values for everything
/// else (SYSDATE, UUID, USER, ...), which is exactly why unsafe statements diverge.
/// </summary>
public interface ISessionContext
{
    /// <summary>NOW(), CURRENT_TIMESTAMP(), UNIX_TIMESTAMP(): the statement's start time (from the event header on a replica).</summary>
    SimTime StatementTime { get; }

    /// <summary>SYSDATE(): the executing server's clock at the moment of evaluation.</summary>
    SimTime SysdateTime { get; }

    /// <summary>Random stream of the executing server (UUID(), and RAND() without carried seeds).</summary>
    IChoiceSource Random { get; }

    /// <summary>USER(), CURRENT_USER(), SESSION_USER(), SYSTEM_USER(): 'app@10.0.0.5' on the source; the replication user on a replica.</summary>
    string User { get; }

    /// <summary>CONNECTION_ID(): carried by the Query event's thread_id, so safe.</summary>
    long ConnectionId { get; }

    /// <summary>The executing server's server_uuid (UUID() node part).</summary>
    string ServerUuid { get; }

    int AutoIncrementIncrement { get; }

    int AutoIncrementOffset { get; }

    /// <summary>SET by an Intvar INSERT_ID event on a replica: the first auto-increment value to use.</summary>
    long? InsertIdOverride { get; }

    /// <summary>SET by a Rand event on a replica: the seeds RAND() starts from.</summary>
    (ulong Seed1, ulong Seed2)? RandSeedOverride { get; }

    /// <summary>User variables (@x), session scope; carried by User_var events.</summary>
    IDictionary<string, Storage.Value> UserVariables { get; }

    /// <summary>LAST_INSERT_ID() of the session.</summary>
    long LastInsertId { get; set; }
}
