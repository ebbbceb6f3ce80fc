using DetSim.Replication.Storage;

namespace DetSim.Replication.Execution;

/// <summary>
/// What running one statement produced, in the terms the binlog needs: the row changes (ROW
/// format), and for STATEMENT format the values the events before the Query event must carry.
/// </summary>
public sealed record StatementOutcome
{
    public required string Sql { get; init; }
    public IReadOnlyList<Value[]> Rows { get; init; } = [];
    public bool IsReadOnly { get; init; }
    public bool IsDdl { get; init; }
    public TableSchema? CreatedTable { get; init; }
    public bool IsUnsafe { get; init; }
    /// <summary>Under MIXED, log this statement as rows (all unsafe statements, plus UUID(), USER(), ...).</summary>
    public bool RequiresRowUnderMixed { get; init; }
    /// <summary>The 1592 notes (one per reason) when logged as a statement while unsafe.</summary>
    public IReadOnlyList<string> UnsafeWarnings { get; init; } = [];
    public long? FirstInsertId { get; init; }
    public long? LastInsertIdUsed { get; init; }
    public (ulong Seed1, ulong Seed2)? RandSeeds { get; init; }
    public IReadOnlyList<(string Name, Value Value)> UserVariablesRead { get; init; } = [];
    public IReadOnlyList<string> Warnings { get; init; } = [];
    /// <summary>SET @x = ...: a session-only statement, never logged.</summary>
    public bool IsSessionOnly { get; init; }
}
