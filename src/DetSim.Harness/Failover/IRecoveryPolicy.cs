namespace DetSim.Harness.Failover;

/// <summary>
/// A model's failover decisions, run by <see cref="FailoverNode"/>: what to ask each server to see
/// its state, and, given what the tool saw, what to do (promote, re-point, wait, give up). The
/// policy acts only through the <see cref="Recovery"/> it is handed, that is over the network.
/// </summary>
public interface IRecoveryPolicy
{
    /// <summary>The status request sent to every server when a recovery starts (SHOW REPLICA STATUS, @@gtid_executed, @@read_only).</summary>
    object StatusQuery { get; }

    /// <summary>
    /// Decides and acts for <see cref="Recovery.FailedSource"/>; <see cref="Recovery.Seen"/> holds
    /// the status reply of every server that answered. Must end with <see cref="Recovery.Finish"/>,
    /// now or from a later callback.
    /// </summary>
    void Recover(Recovery recovery);
}
