using DetSim.Core.Network;
using DetSim.Harness.Failover;
using DetSim.Replication.Replica;

namespace DetSim.Replication.Server;

// The administrative statements a failover tool sends over a connection (AdminMessages.cs), each
// carried out by the same methods a DBA's statement uses (MySqlServer.Admin.cs).
public sealed partial class MySqlServer
{
    private void OnAdminRequest(Connection connection, AdminRequest request)
    {
        switch (request.Command)
        {
            case ShowStatus:
                Reply(connection, request, Status());
                break;
            case StopReplicaCommand:
                int unapplied = RelayBacklog();
                StopReplica();
                Reply(connection, request, new ReplicaStopped(unapplied));
                break;
            case ResetReplicaAllCommand:
                ResetReplicaAll();
                Reply(connection, request, AdminOk.Instance);
                break;
            case SetReadOnlyCommand ro:
                SetReadOnly(ro.ReadOnly);
                Reply(connection, request, AdminOk.Instance);
                break;
            case ChangeSourceCommand change:
                // A statement that fails returns its error to the tool (ER_BAD_REPLICA_AUTO_POSITION 1777, unknown host).
                try
                {
                    ChangeReplicationSource(change.AutoPosition ? ReplicaSource.ByGtid(change.Source) : ReplicaSource.ByPosition(change.Source, change.Position));
                    Reply(connection, request, AdminOk.Instance);
                }
                catch (ArgumentException e)
                {
                    Context.Send(connection, new AdminReply(request.Id, null, e.Message));
                }
                break;
            case WaitForRelayLogCommand:
                // Answered when the SQL thread has applied what it received, or stopped; a crash ends the connection instead.
                Applier.WhenCaughtUp(() => Reply(connection, request, RelayLogAppliedReply.Instance));
                break;
            default:
                Context.Send(connection, new AdminReply(request.Id, null, $"unknown admin command {request.Command.GetType().Name}"));
                break;
        }
    }

    private void Reply(Connection connection, AdminRequest request, object result) => Context.Send(connection, new AdminReply(request.Id, result, null));

    private ServerStatus Status() =>
        new(Name, Uuid, Options.GtidMode, ReadOnly, GtidExecuted.ToString(), GetReplicaStatus(), RelayBacklog(),
            !IsReplica || Applier.State != ReplicaThreadState.Running || Applier.Idle);

    /// <summary>Received transactions not applied yet, counted while the SQL thread runs.</summary>
    private int RelayBacklog() => IsReplica && Applier.State == ReplicaThreadState.Running ? Applier.Backlog : 0;
}
