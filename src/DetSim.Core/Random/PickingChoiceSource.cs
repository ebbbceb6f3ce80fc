using DetSim.Core.Scheduling;
using DetSim.Core.Time;

namespace DetSim.Core.Random;

/// <summary>
/// The root choice source of a run whose scheduling decisions an <see cref="IEventPicker"/> makes
/// (Coyote, a recorder, a replayer). Every other decision (latencies, losses, each node's and the
/// workload's randomness) comes from the independent named streams of a seeded
/// <see cref="SimRandom"/>, exactly as in a seeded run of <see cref="DataSeed"/>: a fork is a pure
/// function of (seed, name), so an extra draw in one component never shifts another.
/// </summary>
public sealed class PickingChoiceSource(ulong dataSeed, IEventPicker picker) : IChoiceSource
{
    /// <summary>The fork name the <see cref="Simulation"/> gives its scheduler.</summary>
    public const string SchedulerStream = "scheduler";

    private readonly SimRandom _data = new(dataSeed);

    public ulong DataSeed { get; } = dataSeed;
    public IEventPicker Picker { get; } = picker;

    public ulong NextUInt64() => _data.NextUInt64();

    public ulong NextUInt64(ulong bound) => _data.NextUInt64(bound);

    public IChoiceSource Fork(string name) =>
        name == SchedulerStream ? new SchedulerFork(_data.Fork(name), Picker) : _data.Fork(name);

    /// <summary>What the scheduler gets: the picker, with the seeded stream for any plain draw.</summary>
    private sealed class SchedulerFork(SimRandom random, IEventPicker picker) : IChoiceSource, IEventPicker
    {
        public Duration Window => picker.Window;
        public int Pick(IReadOnlyList<EnabledEvent> enabled, long step, SimTime now) => picker.Pick(enabled, step, now);
        public ulong NextUInt64() => random.NextUInt64();
        public ulong NextUInt64(ulong bound) => random.NextUInt64(bound);
        public IChoiceSource Fork(string name) => random.Fork(name);
    }
}
