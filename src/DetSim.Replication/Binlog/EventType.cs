namespace DetSim.Replication.Binlog;

/// <summary>Binlog event type codes (libbinlogevents/include/binlog_event.h, enum Log_event_type).</summary>
public enum EventType : byte
{
    Query = 2,
    Stop = 3,
    Rotate = 4,
    Intvar = 5,
    Rand = 13,
    UserVar = 14,
    FormatDescription = 15,
    Xid = 16,
    TableMap = 19,
    WriteRows = 30,
    UpdateRows = 31,
    DeleteRows = 32,
    Gtid = 33,
    AnonymousGtid = 34,
    PreviousGtids = 35,
    /// <summary>MariaDB's ANNOTATE_ROWS_EVENT (sql/log_event.h): the statement text before its rows events.</summary>
    AnnotateRows = 160,
}
