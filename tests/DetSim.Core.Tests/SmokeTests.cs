using DetSim.Core.Random;
using FsCheck.Xunit;

namespace DetSim.Core.Tests;

public class SmokeTests
{
    [Property]
    public bool Same_seed_same_stream(ulong seed) => new SimRandom(seed).NextUInt64() == new SimRandom(seed).NextUInt64();
}
