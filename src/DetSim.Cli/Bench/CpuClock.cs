using System.Diagnostics;
using System.Runtime.InteropServices;

namespace DetSim.Cli.Bench;

/// <summary>
/// The process's CPU time (every thread, the GC's included). On Linux from
/// clock_gettime(CLOCK_PROCESS_CPUTIME_ID), in nanoseconds: Process.TotalProcessorTime reads
/// /proc/self/stat in clock ticks (10 ms), too coarse for a campaign that ends in its first seed.
/// </summary>
internal static class CpuClock
{
    private const int ClockProcessCpuTimeId = 2;

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: the generated form needs unsafe code in this project for one call.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "clock_gettime")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int ClockGetTime(int clock, out Timespec time);
#pragma warning restore SYSLIB1054

    public static double Seconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ClockProcessCpuTimeId, out Timespec t) == 0) return t.Seconds + t.Nanoseconds / 1e9;
        using var p = Process.GetCurrentProcess();
        return p.TotalProcessorTime.TotalSeconds;
    }
}
