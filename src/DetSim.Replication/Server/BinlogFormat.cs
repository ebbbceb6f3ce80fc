namespace DetSim.Replication.Server;

/// <summary>binlog_format (RM80 replication-options-binary-log.html#sysvar_binlog_format; default ROW in 8.0, MIXED in MariaDB).</summary>
public enum BinlogFormat : byte
{
    Row,
    Statement,
    Mixed,
}
