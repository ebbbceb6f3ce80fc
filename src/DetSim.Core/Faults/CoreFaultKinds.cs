namespace DetSim.Core.Faults;

/// <summary>
/// The fault kinds of the kernel, in the order the spec reference lists them. A model adds its own
/// (DetSim.Replication.Faults.MySqlFaultKinds). Adding a kind: one file with its record and its
/// <see cref="FaultKind"/>, and one line here.
/// </summary>
public static class CoreFaultKinds
{
    public static readonly CrashKind Crash = new();
    public static readonly PartitionKind Partition = new();
    public static readonly SlowLinkKind SlowLink = new();
    public static readonly PauseKind Pause = new();
    public static readonly ClockJumpKind ClockJump = new();
    public static readonly CrashAtKind CrashAt = new();

    public static IReadOnlyList<FaultKind> All { get; } =
        [Crash, new RestartKind(), Partition, new IsolateKind(), new HealKind(), SlowLink, Pause, ClockJump, new ClockDriftKind(), CrashAt];

    /// <summary>
    /// The kinds the nemesis draws, in draw order: a draw picks an index by weight, so this order is
    /// part of every drawn plan. Append new kinds at the end (a zero weight leaves old draws as they were).
    /// </summary>
    public static IReadOnlyList<FaultKind> Drawn { get; } = [Crash, Partition, Pause, ClockJump, SlowLink, CrashAt];
}
