using DetSim.Replication.Binlog;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Replica;

/// <summary>
/// Last_SQL_Error as MariaDB 10.11 words it. A Query event fails with
/// "Error '…' on query. Default database: '…'. Query: '…'" (sql/log_event_server.cc
/// Query_log_event::do_apply_event); a rows event with "Could not execute Write_rows_v1 event on
/// table db.t; …, Error_code: n; handler error HA_ERR_…; the event's master log f, end_log_pos p"
/// (Rows_log_event::do_apply_event, slave_rows_error_report), where p ends the rows event. MariaDB
/// names a duplicate key 'PRIMARY' where MySQL 8.0.19+ says 't.PRIMARY'. Both texts were read from a
/// real 10.11.19 (the conformance test Active_active_needs_auto_increment_offsets; a ROW duplicate by hand).
/// The model has one database, test, as the conformance harness does.
/// </summary>
internal static class MariaDbErrorText
{
    public static string ApplierError(SqlError error, LoggedEvent? failed)
    {
        string message = KeyName(error.Message);
        return failed?.Event switch
        {
            QueryEvent q => $"Error '{message}' on query. Default database: '{q.Database}'. Query: '{q.Sql}'",
            RowsEvent r => $"Could not execute {RowsName(r.Kind)} event on table test.{r.Table.Name}; {message}, Error_code: {error.Code}; "
                + $"handler error {HandlerError(error.Code)}; the event's master log {failed.File}, end_log_pos {failed.EndPosition}",
            _ => message,
        };
    }

    /// <summary>"for key 't.PRIMARY'" → "for key 'PRIMARY'".</summary>
    private static string KeyName(string message)
    {
        int at = message.IndexOf(" for key '", StringComparison.Ordinal);
        if (at < 0) return message;
        int start = at + " for key '".Length;
        int dot = message.IndexOf('.', start);
        int end = message.IndexOf('\'', start);
        return dot > start && dot < end ? message[..start] + message[(dot + 1)..] : message;
    }

    private static string RowsName(EventType kind) => kind switch
    {
        EventType.WriteRows => "Write_rows_v1",
        EventType.UpdateRows => "Update_rows_v1",
        _ => "Delete_rows_v1",
    };

    private static string HandlerError(int code) => code switch
    {
        1062 => "HA_ERR_FOUND_DUPP_KEY",
        1032 => "HA_ERR_KEY_NOT_FOUND",
        _ => "HA_ERR_GENERIC",
    };
}
