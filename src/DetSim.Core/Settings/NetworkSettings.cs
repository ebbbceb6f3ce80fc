using DetSim.Core.Network;
using DetSim.Core.Time;

namespace DetSim.Core.Settings;

/// <summary>
/// A link's settings (<c>network:</c> and <c>network.links[]</c>), declared once;
/// <see cref="Latency.Lan"/> and <see cref="LinkOptions"/> take their defaults from here.
/// Not MySQL settings: a LAN-like default for replication over TCP.
/// </summary>
public static class NetworkSettings
{
    public static readonly Setting<Duration> LatencyMin = Declare.Duration("min", Duration.FromMicros(200), "smallest latency");
    public static readonly Setting<Duration> LatencyJitter = Declare.Duration("jitter", Duration.FromMicros(300), "mean of the exponential part");
    public static readonly Setting<decimal> TailPercent = Declare.Number("tail_percent", 1, 0, 100, "share of messages whose jitter is multiplied by tail_factor");
    public static readonly Setting<long> TailFactor = Declare.Long("tail_factor", 20, 1, 1_000_000, "multiplier for tail messages");

    public static IReadOnlyList<Setting> Latency { get; } = [LatencyMin, LatencyJitter, TailPercent, TailFactor];

    public static readonly Setting<decimal> LossPercent = Declare.Number("loss_percent", 0, 0, 100, "share of messages lost");
    public static readonly Setting<decimal> DuplicatePercent = Declare.Number("duplicate_percent", 0, 0, 100, "share of messages delivered twice");
    public static readonly Setting<bool> BothWays = Declare.Bool("both_ways", false, "apply to to → from as well");
}

/// <summary>Linux TCP's retransmission behaviour (Documentation/networking/ip-sysctl.rst), declared once; <see cref="TcpOptions"/> takes its defaults from here. Not in specs.</summary>
public static class TcpSettings
{
    public static readonly Setting<Duration> RtoMin = Declare.Duration("rto_min", Duration.FromMillis(200), "first retransmission timeout (TCP_RTO_MIN)") with { Positive = true, Citation = "include/net/tcp.h TCP_RTO_MIN" };
    public static readonly Setting<Duration> RtoMax = Declare.Duration("rto_max", Duration.FromSeconds(120), "largest retransmission timeout (TCP_RTO_MAX)") with { Positive = true, Citation = "include/net/tcp.h TCP_RTO_MAX" };
    public static readonly Setting<Duration> GiveUpAfter = Declare.Duration("give_up_after", Duration.FromMillis(924_600), "a sender gives up after tcp_retries2=15") with { Positive = true, Citation = "ip-sysctl.rst tcp_retries2" };
    public static readonly Setting<Duration> ConnectGiveUpAfter = Declare.Duration("connect_give_up_after", Duration.FromSeconds(127), "a connect gives up after tcp_syn_retries=6") with { Positive = true, Citation = "ip-sysctl.rst tcp_syn_retries" };

    public static IReadOnlyList<Setting> All { get; } = [RtoMin, RtoMax, GiveUpAfter, ConnectGiveUpAfter];
}

/// <summary>A node's clock (<c>clock:</c> of a server), declared once.</summary>
public static class ClockSettings
{
    public static readonly Setting<Duration> Offset = Declare.Duration("offset", Duration.Zero, "offset from true time") with { AllowNegative = true };
    public static readonly Setting<long> DriftPpm = Declare.Long("drift_ppm", 0, -499_999, 499_999, "drift in parts per million");
}
