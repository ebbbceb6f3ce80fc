namespace DetSim.Replication.Storage;

public enum RowChangeKind : byte
{
    Insert,
    Update,
    Delete,
}

/// <summary>
/// One row written by a statement: the before image (UPDATE, DELETE) and the after image (INSERT,
/// UPDATE). ROW-format binlog events, the redo log and replica apply are all built from these.
/// </summary>
public sealed record RowChange(string Table, RowChangeKind Kind, Value[]? Before, Value[]? After)
{
    /// <summary>Primary key of the row (before image for DELETE, after image otherwise).</summary>
    public long Key => (After ?? Before)![0].Integer;

    public override string ToString() => Kind switch
    {
        RowChangeKind.Insert => $"insert {Table}({string.Join(",", After!)})",
        RowChangeKind.Update => $"update {Table}({string.Join(",", Before!)})->({string.Join(",", After!)})",
        _ => $"delete {Table}({string.Join(",", Before!)})",
    };
}
