using DetSim.Core.Random;
using DetSim.Core.Scheduling;
using Microsoft.Coyote.Random;

namespace DetSim.Testing.Coyote;

/// <summary>
/// The choice source of one Coyote iteration. Scheduling decisions (which enabled lane runs next)
/// are Coyote scheduling decisions (<see cref="CoyotePicker"/>). Data decisions (latencies,
/// losses, each node's and the workload's randomness) come from independent named streams of a
/// seeded generator whose 64-bit seed Coyote chooses once per iteration: Coyote's strategies treat
/// value choices as uniform random draws anyway, so drawing them one by one through Coyote (10^5 per
/// run) bought nothing but a huge trace, and it made Q-learning build a table entry per possible
/// value. Each <see cref="Fork"/> is a stream of its own: a pure function of (seed, name).
/// </summary>
public sealed class CoyoteChoiceSource : IChoiceSource
{
    private readonly PickingChoiceSource _inner;

    public CoyoteChoiceSource(ulong dataSeed, IEventPicker picker) => _inner = new PickingChoiceSource(dataSeed, picker);

    public ulong DataSeed => _inner.DataSeed;

    public ulong NextUInt64() => _inner.NextUInt64();

    public ulong NextUInt64(ulong bound) => _inner.NextUInt64(bound);

    public IChoiceSource Fork(string name) => _inner.Fork(name);

    /// <summary>
    /// A 64-bit seed from eight controlled byte choices. Small bounds on purpose: Q-learning keeps a
    /// Q-value for every possible value of a choice, so one 2^22-way choice cost it 4 million entries.
    /// </summary>
    public static ulong DrawSeed(Generator generator)
    {
        ulong seed = 0;
        for (int i = 0; i < 8; i++) seed = (seed << 8) | (uint)generator.NextInteger(256);
        return seed;
    }
}
