using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;

namespace DetSim.Conformance.Tests.Harness;

/// <summary>
/// Event types in one vocabulary for both sides. MariaDB's Gtid event carries the BEGIN itself
/// (Gtid_log_event with FL_STANDALONE clear, sql/log_event.h) and Annotate_rows precedes rows
/// events (binlog_annotate_row_events=ON); <see cref="Normalise"/> maps its layout onto the
/// model's so the logging decision (statement or rows) can be compared separately from the layout.
/// </summary>
internal static class EventNames
{
    public static string Of(BinlogEvent e) => e switch
    {
        QueryEvent { IsBegin: true } => "BEGIN",
        QueryEvent => "Query",
        GtidEvent => "Gtid",
        TableMapEvent => "Table_map",
        RowsEvent r => r.Kind switch { EventType.WriteRows => "Write_rows", EventType.UpdateRows => "Update_rows", _ => "Delete_rows" },
        XidEvent => "Xid",
        AnnotateRowsEvent => "Annotate_rows",
        IntvarEvent => "Intvar",
        RandEvent => "RAND",
        UserVarEvent => "User_var",
        _ => e.Type.ToString(),
    };

    /// <summary>MariaDB's layout as it is: Gtid (BEGIN GTID …), Annotate_rows, Table_map, Write_rows_v1, Xid.</summary>
    public static IEnumerable<string> Raw(RealEvent e) => [e.Type.Replace("_v1", "", StringComparison.Ordinal).Replace("User var", "User_var", StringComparison.Ordinal)];

    /// <summary>MariaDB's events in the model's layout: BEGIN split off the Gtid event, Annotate_rows dropped.</summary>
    public static IEnumerable<string> Normalise(RealEvent e)
    {
        string t = Raw(e).Single();
        if (t == "Annotate_rows") return [];
        if (t == "Gtid" && e.Info.StartsWith("BEGIN", StringComparison.Ordinal)) return ["Gtid", "BEGIN"];
        return [t];
    }
}
