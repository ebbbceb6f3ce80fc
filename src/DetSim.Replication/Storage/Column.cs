namespace DetSim.Replication.Storage;

/// <summary>A column. <see cref="MaxLength"/> is the VARCHAR length in bytes (utf8mb4 chars × 4 in MySQL; here bytes).</summary>
public sealed record Column(string Name, ColumnType Type, int MaxLength = 0, bool AutoIncrement = false, bool Nullable = false)
{
    /// <summary>Bytes this value takes in a row image (MYSQL-FACTS §1.8).</summary>
    public int ImageBytes(Value value)
    {
        if (value.IsNull) return 0;
        return Type switch
        {
            ColumnType.Int => 4,
            ColumnType.BigInt => 8,
            ColumnType.Datetime => 5,
            ColumnType.Varchar => (MaxLength > 255 ? 2 : 1) + System.Text.Encoding.UTF8.GetByteCount(value.Text ?? ""),
            _ => throw new ArgumentOutOfRangeException(nameof(value)),
        };
    }
}
