using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Execution;
using DetSim.Replication.Server;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Binlog;

/// <summary>
/// How a statement's row changes become events (sql/log_event.h, rows_event.h): a Table_map per
/// table, then one rows event per run of one table and kind, split at binlog_row_event_max_size.
/// </summary>
public class RowsEventGroupingTests
{
    private static readonly TableSchema T = TableSchema.Simple();

    private static List<BinlogEvent> Body(params RowChange[] changes) =>
        new TransactionEventsBuilder(1).Body([new LoggedStatement(new StatementOutcome { Sql = "x" }, changes)], TableSchema.Simple,
            BinlogFormat.Row, RowImage.Full, SimTime.Zero, 1, 7, 1, 1);

    private static RowChange Insert(string table, int id) => new(table, RowChangeKind.Insert, null, [Value.Of(id), Value.Of(0)]);
    private static RowChange Delete(string table, int id) => new(table, RowChangeKind.Delete, [Value.Of(id), Value.Of(0)], null);

    private static string Shape(List<BinlogEvent> body) => string.Join(" ", body.Select(e => e switch
    {
        TableMapEvent m => $"map:{m.Table.Name}",
        RowsEvent r => $"{r.Type}:{r.Table.Name}x{r.Rows.Count}{(r.StatementEnd ? "!" : "")}",
        _ => e.Type.ToString(),
    }));

    [Fact]
    public void One_table_and_kind_is_one_map_and_one_rows_event_over_the_statements_own_changes()
    {
        RowChange[] changes = [Insert("t", 1), Insert("t", 2), Insert("t", 3)];
        List<BinlogEvent> body = Body(changes);
        Assert.Equal("Query map:t WriteRows:tx3! Xid", Shape(body));
        Assert.Same(changes, body.OfType<RowsEvent>().Single().Rows);
    }

    [Fact]
    public void Two_tables_map_both_first_and_kinds_split_the_rows_events_in_order()
    {
        Assert.Equal("Query map:t map:u WriteRows:tx1 WriteRows:ux2 DeleteRows:ux1! Xid",
            Shape(Body(Insert("t", 1), Insert("u", 2), Insert("u", 3), Delete("u", 2))));
    }

    [Fact]
    public void Rows_past_binlog_row_event_max_size_go_on_in_another_event()
    {
        int perRow = RowsEvent.RowBytes(T, Insert("t", 1), RowImage.Full);
        int fit = EventSizes.RowEventMaxSize / perRow;
        List<BinlogEvent> body = Body([.. Enumerable.Range(1, fit + 1).Select(i => Insert("t", i))]);
        Assert.Equal($"Query map:t WriteRows:tx{fit} WriteRows:tx1! Xid", Shape(body));
    }
}
