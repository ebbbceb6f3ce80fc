using DetSim.Core.Disk;
using DetSim.Core.Network;
using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using DetSim.Core.Settings;

namespace DetSim.Core;

/// <summary>Settings of one run, validated once; defaults declared in <see cref="SimulationSettings"/>. Every random decision derives from <see cref="Seed"/>.</summary>
public sealed record SimulationOptions
{
    public ulong Seed { get; init; }

    /// <summary>Replaces the seeded choice source (a recorded trace, or Coyote). Seed still names the run.</summary>
    public IChoiceSource? Choices { get; init; }

    public LinkOptions Network { get; init; } = LinkOptions.Default;

    public TieBreak TieBreak { get; init; } = SimulationSettings.TieBreak.Default;

    /// <summary>What a crash does to unsynced writes, unless the fault says otherwise.</summary>
    public CrashMode CrashMode { get; init; } = SimulationSettings.CrashMode.Default;

    /// <summary>
    /// A power loss also loses datagrams the node sent that have not arrived yet: they were still in
    /// its socket buffers and NIC queue. A killed process's datagrams had reached its kernel and
    /// still go out. On by default; turn off to model packets that had already left the machine.
    /// </summary>
    public bool CrashDropsInFlightFromNode { get; init; } = SimulationSettings.CrashDropsInFlightFromNode.Default;

    /// <summary>How connections retransmit under a partition and when they give up.</summary>
    public TcpOptions Tcp { get; init; } = TcpOptions.Default;

    /// <summary>Keep every trace record (for replay --trace and golden files); the hash is always kept.</summary>
    public bool CaptureTrace { get; init; }

    /// <summary>
    /// Keep every observation in <see cref="Simulation.Observations"/>. A harness that takes them as
    /// they come (<see cref="Simulation.OnObserved"/>) turns it off, so what it has consumed is not
    /// held for the whole run.
    /// </summary>
    public bool KeepObservations { get; init; } = true;

    /// <summary>Keep the rolling hash after every step, to find where two runs first differ.</summary>
    public bool KeepStepHashes { get; init; }
}
