namespace DetSim.Replication.Engine;

/// <summary>innodb_flush_log_at_trx_commit (RM80 innodb-parameters.html).</summary>
public enum FlushLogAtTrxCommit : byte
{
    /// <summary>0: the log buffer is written and flushed once per second; any mysqld exit can lose up to a second.</summary>
    EverySecond = 0,
    /// <summary>1 (default): written and flushed at each commit.</summary>
    EachCommit = 1,
    /// <summary>2: written at each commit, flushed once per second; an OS crash can lose up to a second.</summary>
    WriteEachCommit = 2,
}
