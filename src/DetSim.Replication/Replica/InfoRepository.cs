namespace DetSim.Replication.Replica;

/// <summary>
/// relay_log_info_repository / master_info_repository: where the replica keeps its applier and
/// receiver positions (RM80 replica-logs-status.html). TABLE: mysql.slave_relay_log_info, committed
/// with each applied transaction (crash-safe). FILE: relay-log.info and master.info, written after
/// the commit and synced every sync_relay_log_info / sync_source_info writes (MariaDB's only kind).
/// </summary>
public enum InfoRepository
{
    Table,
    File,
}
