using DetSim.Core.Faults;
using DetSim.Core.Network;

namespace DetSim.Core.Settings;

/// <summary>Which option-record member each kernel setting is, and <c>options.With(setting, value)</c> for code.</summary>
public static class CoreOptionBindings
{
    public static SettingBindings<TcpOptions> Tcp { get; } = new SettingBindings<TcpOptions>()
        .Bind(TcpSettings.RtoMin, o => o.RtoMin, (o, v) => o with { RtoMin = v })
        .Bind(TcpSettings.RtoMax, o => o.RtoMax, (o, v) => o with { RtoMax = v })
        .Bind(TcpSettings.GiveUpAfter, o => o.GiveUpAfter, (o, v) => o with { GiveUpAfter = v })
        .Bind(TcpSettings.ConnectGiveUpAfter, o => o.ConnectGiveUpAfter, (o, v) => o with { ConnectGiveUpAfter = v });

    public static SettingBindings<SimulationOptions> Simulation { get; } = new SettingBindings<SimulationOptions>()
        .Bind(SimulationSettings.TieBreak, o => o.TieBreak, (o, v) => o with { TieBreak = v })
        .Bind(SimulationSettings.CrashMode, o => o.CrashMode, (o, v) => o with { CrashMode = v })
        .Bind(SimulationSettings.CrashDropsInFlightFromNode, o => o.CrashDropsInFlightFromNode, (o, v) => o with { CrashDropsInFlightFromNode = v });

    public static SettingBindings<Latency> Latency { get; } = new SettingBindings<Latency>()
        .Bind(NetworkSettings.LatencyMin, o => o.Min, (o, v) => o with { Min = v })
        .Bind(NetworkSettings.LatencyJitter, o => o.Jitter, (o, v) => o with { Jitter = v })
        .Bind(NetworkSettings.TailFactor, o => o.TailFactor, (o, v) => o with { TailFactor = v });

    private static SettingBindings<NemesisOptions> NemesisBase => new SettingBindings<NemesisOptions>()
        .Bind(NemesisSettings.Start, o => o.Start - Time.SimTime.Zero, (o, v) => o with { Start = Time.SimTime.Zero + v })
        .Bind(NemesisSettings.End, o => o.End - Time.SimTime.Zero, (o, v) => o with { End = Time.SimTime.Zero + v })
        .Bind(NemesisSettings.MeanGap, o => o.MeanGap, (o, v) => o with { MeanGap = v })
        .Bind(NemesisSettings.CrashAtNthMax, o => o.CrashAtNthMax, (o, v) => o with { CrashAtNthMax = v })
        .Bind(NemesisSettings.CrashAtMode, o => o.CrashAtMode, (o, v) => o with { CrashAtMode = v })
        .Bind(NemesisSettings.CrashAtAfterMax, o => o.CrashAtAfterMax, (o, v) => o with { CrashAtAfterMax = v })
        .Bind(NemesisSettings.DownMin, o => o.DownMin, (o, v) => o with { DownMin = v })
        .Bind(NemesisSettings.DownMax, o => o.DownMax, (o, v) => o with { DownMax = v })
        .Bind(NemesisSettings.ClockJumpMax, o => o.ClockJumpMax, (o, v) => o with { ClockJumpMax = v });

    /// <summary>The nemesis's settings, then each drawn kind's weight (through the kind, so a new kind needs no line here).</summary>
    public static SettingBindings<NemesisOptions> Nemesis { get; } = CoreFaultKinds.Drawn.Aggregate(NemesisBase,
        (b, kind) => b.Bind(kind.Weight!, kind.WeightIn, kind.WithWeight));

    public static SimulationOptions With<T>(this SimulationOptions options, Setting<T> setting, T value) => Simulation.With(options, setting, value);

    public static TcpOptions With<T>(this TcpOptions options, Setting<T> setting, T value) => Tcp.With(options, setting, value);

    public static Latency With<T>(this Latency options, Setting<T> setting, T value) => Latency.With(options, setting, value);

    public static NemesisOptions With<T>(this NemesisOptions options, Setting<T> setting, T value) => Nemesis.With(options, setting, value);
}
