namespace DetSim.Replication.Replica;

/// <summary>Replica_IO_Running / Replica_SQL_Running, plus why it stopped.</summary>
public enum ReplicaThreadState : byte
{
    Stopped,
    Connecting,
    Running,
    Error,
}
