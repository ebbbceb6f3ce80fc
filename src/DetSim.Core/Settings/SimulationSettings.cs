using DetSim.Core.Disk;
using DetSim.Core.Scheduling;

namespace DetSim.Core.Settings;

/// <summary>A run's kernel settings, declared once; <see cref="SimulationOptions"/> takes its defaults from here. Not in specs.</summary>
public static class SimulationSettings
{
    public static readonly Setting<TieBreak> TieBreak = Declare.Choice("tie_break", Scheduling.TieBreak.Choice,
        "how simultaneous events are ordered: drawn from the seed (explores orderings) or FIFO", ("choice", Scheduling.TieBreak.Choice), ("sequence", Scheduling.TieBreak.Sequence));

    public static readonly Setting<CrashMode> CrashMode = Declare.Choice("crash_mode", Disk.CrashMode.DropUnsynced,
        "what a crash does to unsynced writes unless the fault says otherwise",
        ("power_loss", Disk.CrashMode.DropUnsynced), ("process", Disk.CrashMode.ProcessCrash), ("torn_write", Disk.CrashMode.TornWrite));

    public static readonly Setting<bool> CrashDropsInFlightFromNode = Declare.Bool("crash_drops_in_flight_from_node", true,
        "a power loss also loses the datagrams the node had sent that have not arrived (still in its socket buffers and NIC queue)");

    public static IReadOnlyList<Setting> All { get; } = [TieBreak, CrashMode, CrashDropsInFlightFromNode];
}
