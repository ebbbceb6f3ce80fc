using DetSim.Core.Disk;
using DetSim.Replication.Binlog;
using DetSim.Replication.Engine;
using DetSim.Replication.Replica;

namespace DetSim.Replication.Server;

// Statements a DBA or a failover tool runs: CHANGE REPLICATION SOURCE TO, START/STOP/RESET REPLICA,
// read_only, PURGE/FLUSH BINARY LOGS, SHOW REPLICA STATUS.
public sealed partial class MySqlServer
{
    /// <summary>
    /// CHANGE REPLICATION SOURCE TO (RM80 change-replication-source-to.html): stops the replication
    /// threads, deletes the relay logs and points at the new source; START REPLICA follows.
    /// Position coordinates are taken as given: on another server they may mean nothing.
    /// </summary>
    public void ChangeReplicationSource(ReplicaSource source, bool start = true)
    {
        if (string.Equals(source.SourceName, Name, StringComparison.Ordinal))
            throw new ArgumentException($"CHANGE REPLICATION SOURCE TO on {Name}: a server cannot replicate from itself");
        if (Context.Lookup(source.SourceName) < 0)
            throw new ArgumentException($"CHANGE REPLICATION SOURCE TO on {Name}: unknown server '{source.SourceName}'");
        if (source.AutoPosition && !Options.GtidMode)
            throw new ArgumentException($"CHANGE REPLICATION SOURCE TO on {Name}: SOURCE_AUTO_POSITION = 1 requires GTID_MODE = ON (error 1777)");
        Receiver?.Stop();
        Applier.Stop();
        Relay.Clear();
        Receiver = new Receiver(this, source);
        Applier = new Applier(this, new ApplierPosition(source.Start, 0));
        WriteReplicaConfig(source);
        Note($"CHANGE REPLICATION SOURCE TO {source}");
        if (start) StartReplica();
    }

    public void StartReplica()
    {
        if (Receiver is null) throw new InvalidOperationException($"START REPLICA on {Name}: no source configured (error 1200)");
        if (Receiver.State is ReplicaThreadState.Stopped or ReplicaThreadState.Error) Receiver.Start();
        Applier.Start();
    }

    public void StopReplica()
    {
        Receiver?.Stop();
        Applier.Stop();
    }

    /// <summary>RESET REPLICA ALL: forget the source and the relay logs (GTID history stays).</summary>
    public void ResetReplicaAll()
    {
        StopReplica();
        Relay.Clear();
        Receiver = null;
        Applier = new Applier(this, new ApplierPosition(BinlogCoordinates.None, 0));
        Context.Disk.Delete(ReplicaConfigFile);
        Note("RESET REPLICA ALL");
    }

    public void SetReadOnly(bool readOnly)
    {
        ReadOnly = readOnly;
        Note($"SET GLOBAL read_only = {(readOnly ? "ON" : "OFF")}");
    }

    /// <summary>PURGE BINARY LOGS, keeping the newest <paramref name="keep"/> files (the current one always stays).</summary>
    public void PurgeBinaryLogsKeepingLast(int keep)
    {
        int index = Math.Max(0, Binlog.Files.Count - Math.Max(1, keep));
        int purged = Binlog.PurgeTo(Binlog.Files[index]);
        Note($"PURGE BINARY LOGS TO '{Binlog.Files[0]}': {purged} file(s) removed, gtid_purged={Binlog.Purged}");
    }

    /// <summary>FLUSH BINARY LOGS: close the current file and open the next.</summary>
    public void FlushBinaryLogs() => RotateBinlog();

    /// <summary>A statement run by a DBA in a local session (on a replica with binary logging this makes an errant transaction).</summary>
    public void ExecuteAdmin(string sql) => RunClientTransaction(Context.Self, new ClientRequest(0, -1, [sql]), replyTo: null);

    public ReplicaStatus? GetReplicaStatus()
    {
        if (Receiver is null) return null;
        return new ReplicaStatus(Receiver.Source.SourceName, Receiver.Source.AutoPosition, Receiver.State, Applier.State,
            Receiver.SourceCoordinates, Applier.Position.SourcePosition, Receiver.LastIoErrno, Receiver.LastIoError,
            Applier.LastSqlErrno, Applier.LastSqlError, Receiver.Received.ToString(), GtidExecuted.ToString(), Applier.Idle);
    }

    /// <summary>True when nothing is in flight: no commit in the pipeline, the applier has applied all it received.</summary>
    public bool Quiet => Pipeline.Queued == 0 && (Receiver is null || Applier.Idle || Applier.State != ReplicaThreadState.Running);

    private void WriteReplicaConfig(ReplicaSource source)
    {
        SimFile f = Context.Disk.OpenOrCreate(ReplicaConfigFile);
        f.Overwrite(source, 128);
        f.Fsync(); // mysql.slave_master_info is an InnoDB table: the configuration itself is durable
    }

    private ReplicaSource? ReadReplicaConfig()
    {
        SimFile? f = Context.Disk.TryOpen(ReplicaConfigFile);
        return f is { Chunks.Count: > 0 } && f.Chunks[^1].Value is ReplicaSource s ? s : null;
    }
}
