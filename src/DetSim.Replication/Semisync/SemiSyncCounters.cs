using DetSim.Core.Time;

namespace DetSim.Replication.Semisync;

/// <summary>Rpl_semi_sync_source_* status variables (MYSQL-FACTS §4.1).</summary>
public sealed record SemiSyncCounters
{
    public bool Status { get; init; }
    public int Clients { get; init; }
    public long YesTx { get; init; }
    public long NoTx { get; init; }
    public long NoTimes { get; init; }
    public long TxWaits { get; init; }
    public Duration TxWaitTime { get; init; }

    public Duration TxAvgWaitTime => TxWaits == 0 ? Duration.Zero : new Duration(TxWaitTime.Micros / TxWaits);

    public override string ToString() =>
        $"status={(Status ? "ON" : "OFF")} clients={Clients} yes_tx={YesTx} no_tx={NoTx} no_times={NoTimes} tx_avg_wait_time={TxAvgWaitTime}";
}
