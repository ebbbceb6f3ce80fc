using DetSim.Core.Random;
using Microsoft.Coyote.Random;

namespace DetSim.Testing.Coyote;

/// <summary>
/// Every DetSim decision (which simultaneous event runs first, a latency, a loss, a fault's timing)
/// becomes a Coyote <see cref="Generator"/> decision, so Coyote's strategies explore the model's real
/// interleavings and its reproducible trace replays them. All forks share the one generator: Coyote
/// controls every decision of the run.
/// </summary>
public sealed class CoyoteChoiceSource(Generator generator) : IChoiceSource
{
    public long Decisions { get; private set; }

    public ulong NextUInt64()
    {
        // 64 bits from three controlled decisions (Coyote's NextInteger takes an int bound).
        ulong a = (ulong)Next(1 << 22), b = (ulong)Next(1 << 21), c = (ulong)Next(1 << 21);
        return (a << 42) | (b << 21) | c;
    }

    public ulong NextUInt64(ulong bound)
    {
        if (bound == 0) throw new ArgumentOutOfRangeException(nameof(bound));
        if (bound <= int.MaxValue) return (ulong)Next((int)bound);
        // Bounds past an int: a controlled 64-bit draw reduced modulo the bound (the bias is below 2^-32).
        return NextUInt64() % bound;
    }

    public IChoiceSource Fork(string name) => this;

    private int Next(int bound)
    {
        Decisions++;
        return bound == 1 ? 0 : generator.NextInteger(bound);
    }
}
