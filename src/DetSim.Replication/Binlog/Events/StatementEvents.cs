using DetSim.Replication.Storage;

namespace DetSim.Replication.Binlog.Events;

// Events of libbinlogevents/include/statement_events.h.

/// <summary>
/// A statement (or BEGIN / DDL). In STATEMENT format the replica re-executes <see cref="Sql"/>
/// with its own state; the values the binlog carries for it travel in the events before it
/// (Intvar, Rand, User_var) and in the header timestamp (NOW()).
/// </summary>
public sealed record QueryEvent(string Database, string Sql, long ThreadId, int AutoIncrementIncrement, int AutoIncrementOffset) : BinlogEvent
{
    /// <summary>
    /// An atomic DDL's xid (status variable Q_DDL_LOGGED_WITH_XID, MySQL 8.0): crash recovery
    /// commits the DDL's prepared data-dictionary change when its Query event is in the binlog,
    /// as it does a DML transaction's with its Xid event (sql/binlog.cc, Binlog_recovery).
    /// </summary>
    public long? DdlXid { get; init; }

    public override EventType Type => EventType.Query;
    public override int Size => Flavor == Flavor.MariaDb1011
        ? EventSizes.MariaDb.Query(Database, Sql, AutoIncrementIncrement != 1 || AutoIncrementOffset != 1, DdlXid is not null)
        : EventSizes.Query(Database, Sql, AutoIncrementIncrement != 1 || AutoIncrementOffset != 1) + (DdlXid is null ? 0 : 9);
    public bool IsBegin => Sql == "BEGIN";
    public override string Describe() => Sql;
}

public enum IntvarKind : byte
{
    LastInsertId = 1,
    InsertId = 2,
}

/// <summary>INSERT_ID or LAST_INSERT_ID for the next statement.</summary>
public sealed record IntvarEvent(IntvarKind Kind, long Value) : BinlogEvent
{
    public override EventType Type => EventType.Intvar;
    public override int Size => EventSizes.Intvar;
    public override string Describe() => $"{(Kind == IntvarKind.InsertId ? "INSERT_ID" : "LAST_INSERT_ID")}={Value}";
}

/// <summary>The RAND() seeds the next statement starts from.</summary>
public sealed record RandEvent(ulong Seed1, ulong Seed2) : BinlogEvent
{
    public override EventType Type => EventType.Rand;
    public override int Size => EventSizes.Rand;
    public override string Describe() => $"rand_seed1={Seed1},rand_seed2={Seed2}";
}

/// <summary>A user variable the next statement reads.</summary>
public sealed record UserVarEvent(string Name, Value Value) : BinlogEvent
{
    public override EventType Type => EventType.UserVar;
    public override int Size => EventSizes.UserVar(Name, Value);
    public override string Describe() => $"@`{Name}`={Value}";
}
