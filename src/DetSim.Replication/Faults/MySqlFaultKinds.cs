using DetSim.Core.Faults;
using DetSim.Replication.Scenarios;

namespace DetSim.Replication.Faults;

/// <summary>
/// The fault kinds that act on MySQL itself rather than on nodes and links, in the order the spec
/// reference lists them after <see cref="CoreFaultKinds.All"/>. Adding a kind: one file here with
/// its record and its <see cref="FaultKind"/>, and one line in this list.
/// </summary>
public static class MySqlFaultKinds
{
    public static IReadOnlyList<FaultKind> All { get; } =
        [new PurgeBinaryLogsKind(), new RotateBinlogKind(), new AdminSqlKind(), new FailoverKind(), new ChangeSourceKind(), new ResetReplicaKind()];

    /// <summary>Every kind a MySQL scenario spec may name: the kernel's, then MySQL's.</summary>
    public static IReadOnlyList<FaultKind> WithCore { get; } = [.. CoreFaultKinds.All, .. All];
}
