using DetSim.Core.Disk;

namespace DetSim.Replication.Tests.Replica;

/// <summary>Seeds 1..n, each under a power loss and under a kill -9: the crash-recovery theories' data.</summary>
internal static class CrashSeeds
{
    public static TheoryData<ulong, CrashMode> Both(int n)
    {
        var data = new TheoryData<ulong, CrashMode>();
        for (ulong seed = 1; seed <= (ulong)n; seed++)
        {
            data.Add(seed, CrashMode.DropUnsynced);
            data.Add(seed, CrashMode.ProcessCrash);
        }
        return data;
    }
}
