namespace DetSim.Core.Random;

/// <summary>
/// Every nondeterministic decision in a run (which of two simultaneous events goes first, a
/// message delay, a loss, when a fault strikes) is drawn through this interface. The default is a
/// seeded <see cref="SimRandom"/> stream; a recording source, a replaying source or a
/// Coyote-controlled source can stand in without the rest of the simulation knowing.
/// </summary>
public interface IChoiceSource
{
    /// <summary>64 uniformly random bits.</summary>
    ulong NextUInt64();

    /// <summary>Uniform in [0, bound), no modulo bias.</summary>
    ulong NextUInt64(ulong bound);

    /// <summary>An independent stream named <paramref name="name"/>.</summary>
    IChoiceSource Fork(string name);
}
