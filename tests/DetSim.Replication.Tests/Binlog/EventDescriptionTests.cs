using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Binlog;

/// <summary>The trace hash digests every event sent by its description; the events written without a string must say what their text says.</summary>
public class EventDescriptionTests
{
    public static TheoryData<BinlogEvent, string> Events() => new()
    {
        { new GtidEvent(new DetSim.Replication.Gtid.Gtid("3e11fa47-71ca-11e1-9e33-c80aa9429562", 23), 4, 5, 217, false, false) { ServerId = 1, Timestamp = SimTime.Zero },
            "3e11fa47-71ca-11e1-9e33-c80aa9429562:23 last_committed=4 sequence_number=5" },
        { new GtidEvent(null, 0, 1, 217, false, false) { ServerId = 1, Timestamp = SimTime.Zero }, "ANONYMOUS last_committed=0 sequence_number=1" },
        { new XidEvent(42) { ServerId = 1, Timestamp = SimTime.Zero }, "COMMIT /* xid=42 */" },
        { new TableMapEvent(108, "test", TableSchema.Simple()) { ServerId = 1, Timestamp = SimTime.Zero }, "table_id=108 (test.t)" },
        { new RowsEvent(EventType.WriteRows, 108, TableSchema.Simple(), [new RowChange("t", RowChangeKind.Insert, null, [Value.Of(1), Value.Of(2)])], RowImage.Full, true)
            { ServerId = 1, Timestamp = SimTime.Zero }, "table_id=108 rows=1 flags=STMT_END_F" },
        { new QueryEvent("test", "BEGIN", 1, 1, 1) { ServerId = 1, Timestamp = SimTime.Zero }, "BEGIN" },
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void An_events_digest_is_its_descriptions(BinlogEvent e, string text)
    {
        Assert.Equal(text, e.Describe());
        Assert.Equal(StableHash.Of(text), e.DescriptionDigest());
    }
}
