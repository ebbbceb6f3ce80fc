using DetSim.Core.Time;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Binlog;

/// <summary>
/// Turns an executed transaction into binlog events per binlog_format (RM80 binary-log-formats.html):
/// ROW logs Table_map + rows events; STATEMENT logs the Query preceded by the Intvar / Rand /
/// User_var events that carry its non-deterministic inputs; MIXED logs a statement unless it is
/// unsafe (or uses UUID(), USER(), ...), then rows. A ROW no-op writes nothing (MYSQL-FACTS §1.9).
/// MariaDB's layout: no BEGIN Query event (its Gtid event carries BEGIN) and an Annotate_rows event
/// with the statement before each statement's rows events (sql/log_event.h Gtid_log_event,
/// Annotate_rows_log_event; measured on 10.11.19 by the conformance test FormatDecisionTests).
/// </summary>
public sealed class TransactionEventsBuilder(uint serverId, string database = "test", Flavor flavor = Flavor.MySql80)
{
    private readonly SortedDictionary<string, long> _tableIds = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The events between the GTID event and the end (BEGIN … XID, or the DDL query). Empty when nothing is logged.</summary>
    public List<BinlogEvent> Body(IReadOnlyList<LoggedStatement> statements, Func<string, TableSchema> schemaOf, BinlogFormat format, RowImage image, SimTime timestamp, long threadId, long xid, int autoIncIncrement, int autoIncOffset)
    {
        var events = new List<BinlogEvent>(8);
        LoggedStatement? ddl = null;
        for (int i = 0; i < statements.Count && ddl is null; i++) // a loop: LINQ's enumerator was allocated per transaction
            if (statements[i].Outcome.IsDdl) ddl = statements[i];
        if (ddl is not null)
        {
            events.Add(new QueryEvent("test", ddl.Outcome.Sql, threadId, 1, 1) { ServerId = serverId, Timestamp = timestamp, DdlXid = xid, Flavor = flavor });
            return events;
        }
        for (int i = 0; i < statements.Count; i++)
        {
            LoggedStatement s = statements[i];
            if (s.Outcome.IsReadOnly || s.Outcome.IsSessionOnly) continue;
            if (LoggedAsRows(s, format))
            {
                if (flavor == Flavor.MariaDb1011 && s.Changes.Count > 0)
                    events.Add(new AnnotateRowsEvent(s.Outcome.Sql) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
                AddRows(events, s.Changes, image, timestamp, schemaOf);
            }
            else AddStatement(events, s.Outcome, timestamp, threadId, autoIncIncrement, autoIncOffset);
        }
        if (events.Count == 0) return events;
        if (flavor != Flavor.MariaDb1011)
            events.Insert(0, new QueryEvent(database, "BEGIN", threadId, autoIncIncrement, autoIncOffset) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
        events.Add(new XidEvent(xid) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
        return events;
    }

    /// <summary>
    /// True when the transaction leaves both binlog caches empty: no DDL, and every write is logged
    /// as rows and changed no row (an UPDATE or DELETE matching nothing under ROW, or under MIXED when
    /// unsafe). MySQL then writes nothing and assigns no GTID (sql/binlog.cc MYSQL_BIN_LOG::commit,
    /// binlog_cache_data::is_binlog_empty); under STATEMENT the same statement is logged.
    /// </summary>
    public static bool LeavesCachesEmpty(IReadOnlyList<LoggedStatement> statements, BinlogFormat format)
    {
        for (int i = 0; i < statements.Count; i++)
        {
            LoggedStatement s = statements[i];
            if (s.Outcome.IsDdl) return false;
            if (s.Outcome.IsReadOnly || s.Outcome.IsSessionOnly) continue;
            if (!LoggedAsRows(s, format) || s.Changes.Count > 0) return false;
        }
        return true;
    }

    private static bool LoggedAsRows(LoggedStatement s, BinlogFormat format) =>
        format == BinlogFormat.Row || (format == BinlogFormat.Mixed && s.Outcome.RequiresRowUnderMixed);

    /// <summary>The GTID (or anonymous) event that heads <paramref name="body"/>, with transaction_length including itself.</summary>
    public GtidEvent Head(IReadOnlyList<BinlogEvent> body, Gtid.Gtid? gtid, long lastCommitted, long sequenceNumber, bool replicated, uint originServerId, SimTime originTimestamp)
    {
        long bodyBytes = 0;
        bool mayHaveSbr = false;
        for (int i = 0; i < body.Count; i++) // a loop: once per transaction, LINQ's enumerators were allocated twice
        {
            bodyBytes += body[i].Size;
            mayHaveSbr |= body[i] is QueryEvent { IsBegin: false };
        }
        // transaction_length counts the GTID event itself, whose size depends on the length's packed width.
        long length = bodyBytes + GtidEvent.SizeOf(flavor, bodyBytes, replicated);
        return new GtidEvent(gtid, lastCommitted, sequenceNumber, length, replicated, mayHaveSbr) { ServerId = originServerId, Timestamp = originTimestamp, Flavor = flavor };
    }

    private void AddRows(List<BinlogEvent> events, IReadOnlyList<RowChange> changes, RowImage image, SimTime timestamp, Func<string, TableSchema> schemaOf)
    {
        if (changes.Count == 0) return;
        if (OneRowsEvent(changes, image, schemaOf) is { } only)
        {
            // The common case (one table, one kind, under binlog_row_event_max_size): the events the
            // general path below makes, over the statement's own list (immutable) instead of copies.
            events.Add(new TableMapEvent(TableId(changes[0].Table), "test", schemaOf(changes[0].Table)) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
            string last = changes[^1].Table;
            events.Add(new RowsEvent(only, TableId(last), schemaOf(last), changes, image, true) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
            return;
        }
        // One Table_map per table the statement touches, before its rows events (rows_event.h).
        var mapped = new List<string>(1);
        for (int i = 0; i < changes.Count; i++) // indexed: no boxed enumerator per transaction
            if (!mapped.Contains(changes[i].Table, StringComparer.OrdinalIgnoreCase)) mapped.Add(changes[i].Table);
        foreach (string table in mapped)
            events.Add(new TableMapEvent(TableId(table), "test", schemaOf(table)) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });

        // Consecutive changes of one table and kind share a rows event up to binlog_row_event_max_size.
        var batch = new List<RowChange>();
        EventType kind = default;
        string batchTable = "";
        int batchBytes = 0;
        for (int i = 0; i < changes.Count; i++)
        {
            RowChange c = changes[i];
            EventType k = KindOf(c);
            int rowBytes = RowsEvent.RowBytes(schemaOf(c.Table), c, image);
            bool split = batch.Count > 0 && (k != kind || !string.Equals(batchTable, c.Table, StringComparison.OrdinalIgnoreCase)
                                             || batchBytes + rowBytes > EventSizes.RowEventMaxSize);
            if (split)
            {
                events.Add(new RowsEvent(kind, TableId(batchTable), schemaOf(batchTable), batch.ToArray(), image, false) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
                batch.Clear();
                batchBytes = 0;
            }
            kind = k;
            batchTable = c.Table;
            batch.Add(c);
            batchBytes += rowBytes;
        }
        events.Add(new RowsEvent(kind, TableId(batchTable), schemaOf(batchTable), batch.ToArray(), image, true) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
    }

    /// <summary>The kind of the one rows event <paramref name="changes"/> make, or null when they make several.</summary>
    private static EventType? OneRowsEvent(IReadOnlyList<RowChange> changes, RowImage image, Func<string, TableSchema> schemaOf)
    {
        RowChange first = changes[0];
        int bytes = 0;
        for (int i = 0; i < changes.Count; i++)
        {
            RowChange c = changes[i];
            if (c.Kind != first.Kind || !string.Equals(c.Table, first.Table, StringComparison.OrdinalIgnoreCase)) return null;
            bytes += RowsEvent.RowBytes(schemaOf(c.Table), c, image);
            if (i > 0 && bytes > EventSizes.RowEventMaxSize) return null; // where the loop below would split
        }
        return KindOf(first);
    }

    private static EventType KindOf(RowChange c) => c.Kind switch { RowChangeKind.Insert => EventType.WriteRows, RowChangeKind.Update => EventType.UpdateRows, _ => EventType.DeleteRows };

    private void AddStatement(List<BinlogEvent> events, Execution.StatementOutcome o, SimTime timestamp, long threadId, int inc, int off)
    {
        if (o.LastInsertIdUsed is { } lii) events.Add(new IntvarEvent(IntvarKind.LastInsertId, lii) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
        if (o.FirstInsertId is { } iid) events.Add(new IntvarEvent(IntvarKind.InsertId, iid) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
        if (o.RandSeeds is { } seeds) events.Add(new RandEvent(seeds.Seed1, seeds.Seed2) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
        foreach ((string name, Value value) in o.UserVariablesRead)
            events.Add(new UserVarEvent(name, value) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
        events.Add(new QueryEvent("test", o.Sql, threadId, inc, off) { ServerId = serverId, Timestamp = timestamp, Flavor = flavor });
    }

    private long TableId(string table)
    {
        if (!_tableIds.TryGetValue(table, out long id))
        {
            id = 100 + _tableIds.Count; // MySQL table ids are small integers assigned when a table is opened
            _tableIds.Add(table, id);
        }
        return id;
    }
}
