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

    public static SettingBindings<Latency> Latency { get; } = new SettingBindings<Latency>()
        .Bind(NetworkSettings.LatencyMin, o => o.Min, (o, v) => o with { Min = v })
        .Bind(NetworkSettings.LatencyJitter, o => o.Jitter, (o, v) => o with { Jitter = v })
        .Bind(NetworkSettings.TailFactor, o => o.TailFactor, (o, v) => o with { TailFactor = v });

    public static SettingBindings<NemesisOptions> Nemesis { get; } = new SettingBindings<NemesisOptions>()
        .Bind(NemesisSettings.Start, o => o.Start - Time.SimTime.Zero, (o, v) => o with { Start = Time.SimTime.Zero + v })
        .Bind(NemesisSettings.End, o => o.End - Time.SimTime.Zero, (o, v) => o with { End = Time.SimTime.Zero + v })
        .Bind(NemesisSettings.MeanGap, o => o.MeanGap, (o, v) => o with { MeanGap = v })
        .Bind(NemesisSettings.CrashAtNthMax, o => o.CrashAtNthMax, (o, v) => o with { CrashAtNthMax = v })
        .Bind(NemesisSettings.DownMin, o => o.DownMin, (o, v) => o with { DownMin = v })
        .Bind(NemesisSettings.DownMax, o => o.DownMax, (o, v) => o with { DownMax = v })
        .Bind(NemesisSettings.ClockJumpMax, o => o.ClockJumpMax, (o, v) => o with { ClockJumpMax = v })
        .Bind(CrashKind.NemesisWeight, o => o.CrashWeight, (o, v) => o with { CrashWeight = v })
        .Bind(PartitionKind.NemesisWeight, o => o.PartitionWeight, (o, v) => o with { PartitionWeight = v })
        .Bind(PauseKind.NemesisWeight, o => o.PauseWeight, (o, v) => o with { PauseWeight = v })
        .Bind(ClockJumpKind.NemesisWeight, o => o.ClockJumpWeight, (o, v) => o with { ClockJumpWeight = v })
        .Bind(SlowLinkKind.NemesisWeight, o => o.SlowLinkWeight, (o, v) => o with { SlowLinkWeight = v })
        .Bind(CrashAtKind.NemesisWeight, o => o.CrashAtWeight, (o, v) => o with { CrashAtWeight = v });

    public static TcpOptions With<T>(this TcpOptions options, Setting<T> setting, T value) => Tcp.With(options, setting, value);

    public static Latency With<T>(this Latency options, Setting<T> setting, T value) => Latency.With(options, setting, value);

    public static NemesisOptions With<T>(this NemesisOptions options, Setting<T> setting, T value) => Nemesis.With(options, setting, value);
}
