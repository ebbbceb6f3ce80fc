namespace DetSim.Replication.Storage;

/// <summary>Column types the model knows, with their row-image sizes in bytes (MYSQL-FACTS §1.8).</summary>
public enum ColumnType : byte
{
    Int,
    BigInt,
    Varchar,
    Datetime,
}

public static class ColumnTypes
{
    /// <summary>MySQL type code written in the Table_map event (binlog_event.h enum_field_types).</summary>
    public static byte TypeCode(this ColumnType type) => type switch
    {
        ColumnType.Int => 3,        // MYSQL_TYPE_LONG
        ColumnType.BigInt => 8,     // MYSQL_TYPE_LONGLONG
        ColumnType.Varchar => 15,   // MYSQL_TYPE_VARCHAR
        ColumnType.Datetime => 18,  // MYSQL_TYPE_DATETIME2
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>Table_map per-column metadata bytes: VARCHAR 2 (max length), DATETIME2 1 (fsp), integers 0.</summary>
    public static int MetadataBytes(this ColumnType type) => type switch
    {
        ColumnType.Varchar => 2,
        ColumnType.Datetime => 1,
        _ => 0,
    };
}
