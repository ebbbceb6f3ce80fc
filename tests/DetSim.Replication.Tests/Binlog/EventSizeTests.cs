using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Gtid;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Binlog;

/// <summary>Event sizes against the measured MySQL 8.0.35 events and derived sizes of MYSQL-FACTS §1.1–1.9.</summary>
public class EventSizeTests
{
    private static T E<T>(T e) where T : BinlogEvent => e;

    [Fact]
    public void Control_events_have_mysqls_sizes()
    {
        Assert.Equal(122, new FormatDescriptionEvent { ServerId = 1, Timestamp = SimTime.Zero }.Size);
        Assert.Equal(31, new PreviousGtidsEvent(new GtidSet()) { ServerId = 1, Timestamp = SimTime.Zero }.Size);
        Assert.Equal(31, new XidEvent(7) { ServerId = 1, Timestamp = SimTime.Zero }.Size);
        Assert.Equal(44, new RotateEvent("binlog.000002") { ServerId = 1, Timestamp = SimTime.Zero }.Size);
        Assert.Equal(32, new IntvarEvent(IntvarKind.InsertId, 5) { ServerId = 1, Timestamp = SimTime.Zero }.Size);
        Assert.Equal(39, new RandEvent(1, 2) { ServerId = 1, Timestamp = SimTime.Zero }.Size);
    }

    [Fact]
    public void Begin_query_event_is_71_bytes()
    {
        Assert.Equal(71, new QueryEvent("", "BEGIN", 1, 1, 1) { ServerId = 1, Timestamp = SimTime.Zero }.Size);
    }

    [Theory]
    [InlineData(217, 77)] // transaction_length < 251: 1-byte packed length (8.0.36 log, §1.1)
    [InlineData(401, 79)] // < 64 KiB: 3-byte packed length (8.0.35 log, §1.1)
    public void Gtid_event_size_depends_on_transaction_length(long length, int expected)
    {
        Assert.Equal(expected, EventSizes.Gtid(length, replicated: false));
    }

    [Fact]
    public void Table_map_of_the_canonical_table_is_48_bytes()
    {
        var map = new TableMapEvent(100, "test", TableSchema.Simple()) { ServerId = 1, Timestamp = SimTime.Zero };
        Assert.Equal(48, map.Size);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(10)]
    [InlineData(400)]
    public void Update_rows_event_costs_36_plus_18_bytes_per_row_in_full_image(int rows)
    {
        TableSchema t = TableSchema.Simple();
        var changes = Enumerable.Range(1, rows)
            .Select(i => new RowChange("t", RowChangeKind.Update, [Value.Of(i), Value.Of(0)], [Value.Of(i), Value.Of(1)]))
            .ToArray();
        var ev = new RowsEvent(EventType.UpdateRows, 100, t, changes, RowImage.Full, true) { ServerId = 1, Timestamp = SimTime.Zero };
        Assert.Equal(36 + 18 * rows, ev.Size);
        var minimal = ev with { Image = RowImage.Minimal };
        Assert.Equal(36 + 10 * rows, minimal.Size);
    }
}

/// <summary>MariaDB 10.11's layout and sizes, as SHOW BINLOG EVENTS shows them on 10.11.19 (DetSim.Conformance.Tests compares all 36 cases).</summary>
public class MariaDbEventSizeTests
{
    [Fact]
    public void A_row_insert_is_gtid_annotate_table_map_write_rows_v1_xid_of_mariadbs_sizes()
    {
        var b = new TransactionEventsBuilder(1, flavor: Flavor.MariaDb1011);
        TableSchema t = TableSchema.Simple();
        var change = new RowChange("t", RowChangeKind.Insert, null, [Value.Of(21), Value.Of(1)]);
        var outcome = new DetSim.Replication.Execution.StatementOutcome { Sql = "INSERT INTO t (v) VALUES (1)" };
        var body = b.Body([new LoggedStatement(outcome, [change])], _ => t, DetSim.Replication.Server.BinlogFormat.Row, RowImage.Full, SimTime.Zero, 1, 7, 1, 1);
        GtidEvent head = b.Head(body, null, 0, 1, false, 1, SimTime.Zero);
        Assert.Equal(["Annotate_rows:51", "TableMap:45", "WriteRows:42", "Xid:31"], body.Select(e => $"{(e is AnnotateRowsEvent ? "Annotate_rows" : e.Type.ToString())}:{e.Size}"));
        Assert.Equal(42, head.Size);
        Assert.Equal(211, head.Size + body.Sum(e => e.Size)); // measured: ROW INSERT INTO t (v) VALUES (1) is 211 bytes
    }
}
