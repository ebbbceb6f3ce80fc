using DetSim.Core.Settings;
using DetSim.Core.Time;
using DetSim.Replication.Clients;

namespace DetSim.Replication.Settings;

/// <summary>A client group's settings (<c>workload.clients[]</c>), declared once; <see cref="ClientOptions"/> takes its defaults from here. Not MySQL variables: they shape the load.</summary>
public static class ClientSettings
{
    public static readonly Setting<int> Count = Declare.Int("count", 1, 1, 1000, "sessions");
    public static readonly Setting<string> Server = Declare.String("server", "source", "source (the current writable source) | replicas | any | a server name");
    public static readonly Setting<Duration> Start = Declare.Duration("start", Core.Time.Duration.Zero, "when the sessions start");
    public static readonly Setting<Duration> Duration = Declare.Duration("duration", Core.Time.Duration.FromSeconds(5), "how long they send");
    public static readonly Setting<Duration> Think = Declare.Duration("think", Core.Time.Duration.FromMillis(20), "pause between a reply and the next request");
    public static readonly Setting<Duration> Timeout = Declare.Duration("timeout", Core.Time.Duration.FromSeconds(2), "how long a session waits for a reply");
    public static readonly Setting<ClientStop> Until = Declare.Choice("until", ClientStop.End,
        "when the sessions stop sending: at the end of their duration, or as soon as a failover has sent clients to a new source (a kill-promote-check loop's load)",
        ("end", ClientStop.End), ("failover", ClientStop.Failover));

    public static readonly Setting<int> Weight = Declare.Int("weight", 1, 1, 1_000_000, "relative weight");
}
