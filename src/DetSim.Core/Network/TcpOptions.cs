using DetSim.Core.Settings;
using DetSim.Core.Time;

namespace DetSim.Core.Network;

/// <summary>
/// How connections behave under a partition, after Linux TCP: an unanswered segment is sent again
/// after the retransmission timeout, which starts at TCP_RTO_MIN (200 ms) and doubles up to
/// TCP_RTO_MAX (120 s); the sender gives up after tcp_retries2=15 (about 924.6 s,
/// Documentation/networking/ip-sysctl.rst) and a connect after tcp_syn_retries=6 (about 127 s).
/// </summary>
public sealed record TcpOptions
{
    public Duration RtoMin { get; init; } = TcpSettings.RtoMin.Default;
    public Duration RtoMax { get; init; } = TcpSettings.RtoMax.Default;
    public Duration GiveUpAfter { get; init; } = TcpSettings.GiveUpAfter.Default;
    public Duration ConnectGiveUpAfter { get; init; } = TcpSettings.ConnectGiveUpAfter.Default;

    public static TcpOptions Default { get; } = new();

    public TcpOptions Validate()
    {
        if (RtoMin.Micros <= 0) throw new ArgumentOutOfRangeException(nameof(RtoMin), $"tcp rto_min must be positive, got {RtoMin}");
        if (RtoMax < RtoMin) throw new ArgumentOutOfRangeException(nameof(RtoMax), $"tcp rto_max ({RtoMax}) must not be below rto_min ({RtoMin})");
        if (GiveUpAfter.Micros <= 0) throw new ArgumentOutOfRangeException(nameof(GiveUpAfter), $"tcp give_up_after must be positive, got {GiveUpAfter}");
        if (ConnectGiveUpAfter.Micros <= 0) throw new ArgumentOutOfRangeException(nameof(ConnectGiveUpAfter), $"tcp connect_give_up_after must be positive, got {ConnectGiveUpAfter}");
        return this;
    }
}
