using DetSim.Replication.Storage;

namespace DetSim.Replication.Binlog.Events;

// Events of libbinlogevents/include/rows_event.h.

/// <summary>Maps a table id to a table definition for the rows events that follow (§1.7).</summary>
public sealed record TableMapEvent(long TableId, string Database, TableSchema Table) : BinlogEvent
{
    public override EventType Type => EventType.TableMap;

    public override int Size
    {
        get
        {
            int cols = Table.Columns.Count, meta = 0;
            bool numeric = false, text = false;
            for (int i = 0; i < cols; i++) // a loop, not LINQ: sized at every write of every transaction
            {
                ColumnType type = Table.Columns[i].Type;
                meta += type.MetadataBytes();
                numeric |= type is ColumnType.Int or ColumnType.BigInt;
                text |= type == ColumnType.Varchar;
            }
            // Optional metadata, binlog_row_metadata=MINIMAL: SIGNEDNESS (3) and DEFAULT_CHARSET (5).
            // MariaDB 10.11 defaults to binlog_row_metadata=NO_LOG: none (45 bytes for test.t, measured).
            int optional = Flavor == Flavor.MariaDb1011 ? 0 : (numeric ? 3 : 0) + (text ? 5 : 0);
            return EventSizes.Header + EventSizes.TableMapPostHeader
                + 1 + EventSizes.Utf8(Database) + 1 + 1 + EventSizes.Utf8(Table.Name) + 1
                + EventSizes.PackedInt(cols) + cols + EventSizes.PackedInt(meta) + meta + (cols + 7) / 8
                + optional + EventSizes.Checksum;
        }
    }

    public override string Describe() => Described();

    protected override bool TryDescribe(Span<char> destination, out int written) =>
        destination.TryWrite($"table_id={TableId} ({Database}.{Table.Name})", out written);
}

/// <summary>
/// Write_rows / Update_rows / Delete_rows v2: row images of one table (§1.8). Images follow
/// binlog_row_image: FULL logs every column, MINIMAL the primary key before and the changed
/// columns after.
/// </summary>
public sealed record RowsEvent(EventType Kind, long TableId, TableSchema Table, IReadOnlyList<RowChange> Rows, RowImage Image, bool StatementEnd) : BinlogEvent
{
    public override EventType Type => Kind;

    public override int Size
    {
        get
        {
            int rows = 0;
            for (int i = 0; i < Rows.Count; i++) rows += RowBytes(Table, Rows[i], Image); // no closure per call
            return EventSizes.Header + (Flavor == Flavor.MariaDb1011 ? EventSizes.MariaDb.RowsPostHeader : EventSizes.RowsPostHeader)
                + FixedBodyBytes(Table, Kind) + rows + EventSizes.Checksum;
        }
    }

    public override string Describe() => Described();

    protected override bool TryDescribe(Span<char> destination, out int written) =>
        destination.TryWrite($"table_id={TableId} rows={Rows.Count}{(StatementEnd ? " flags=STMT_END_F" : "")}", out written);

    /// <summary>Width plus the column bitmaps (before image for UPDATE/DELETE, after image for WRITE/UPDATE).</summary>
    public static int FixedBodyBytes(TableSchema table, EventType kind)
    {
        int cols = table.Columns.Count;
        int bitmap = (cols + 7) / 8;
        return EventSizes.PackedInt(cols) + (kind == EventType.UpdateRows ? 2 * bitmap : bitmap);
    }

    public static int RowBytes(TableSchema table, RowChange row, RowImage image)
    {
        int size = 0;
        if (row.Before is not null) size += ImageBytes(table, row.Before, image == RowImage.Minimal ? 1 : row.Before.Length, null);
        if (row.After is not null)
        {
            if (image == RowImage.Minimal && row.Before is not null)
                size += ImageBytes(table, row.After, row.After.Length, row.Before); // the changed columns
            else
                size += ImageBytes(table, row.After, row.After.Length, null);
        }
        return size;
    }

    /// <summary>The first <paramref name="columns"/> columns (1: the key only), skipping those equal in <paramref name="unchangedFrom"/> if given.</summary>
    private static int ImageBytes(TableSchema table, Value[] row, int columns, Value[]? unchangedFrom)
    {
        int usedCount = 0, bytes = 0;
        for (int i = 0; i < Math.Min(columns, row.Length); i++)
        {
            if (unchangedFrom is not null && unchangedFrom[i].Equals(row[i])) continue;
            usedCount++;
            bytes += table.Columns[i].ImageBytes(row[i]);
        }
        return (usedCount + 7) / 8 + bytes; // NULL bitmap over the used columns, then values
    }
}

/// <summary>
/// MariaDB's Annotate_rows event (binlog_annotate_row_events=ON by default): the statement that
/// produced the rows events after it, for mysqlbinlog; the applier ignores it. Header + query + checksum.
/// </summary>
public sealed record AnnotateRowsEvent(string Sql) : BinlogEvent
{
    public override EventType Type => EventType.AnnotateRows;
    public override int Size => EventSizes.Header + EventSizes.Utf8(Sql) + EventSizes.Checksum;
    public override string Describe() => Sql;
}

/// <summary>binlog_row_image.</summary>
public enum RowImage : byte
{
    Full,
    Minimal,
    NoBlob,
}
