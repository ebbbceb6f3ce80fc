using System.Globalization;
using DetSim.Core.Network;

namespace DetSim.Core.Scheduling;

public enum LaneKind : byte
{
    /// <summary>One direction of one connection (<see cref="Lane.Id"/> is the connection, <see cref="Lane.Node"/> the receiver).</summary>
    Stream,
    /// <summary>Datagrams from <see cref="Lane.Peer"/> to <see cref="Lane.Node"/>.</summary>
    Datagram,
    /// <summary>The timers of <see cref="Lane.Node"/>.</summary>
    Timer,
    /// <summary>Scripted actions and faults of the harness.</summary>
    Harness,
}

/// <summary>
/// A sequence of events that must keep its order: a stream direction, the datagrams of one
/// link, one node's timers, the harness's actions. A picking scheduler (<see cref="IEventPicker"/>)
/// chooses which lane runs next and always runs that lane's earliest event, so a TCP stream can
/// never be reordered. Lanes are named by run-local numbers (connection ids are allocated in run
/// order), so a lane means the same thing in every replay of the run.
/// </summary>
public readonly record struct Lane(LaneKind Kind, int Node, int Peer, long Id)
{
    public static Lane Of(in SimEvent ev) => ev.Kind switch
    {
        EventKind.Stream => StreamLane((ConnectionTable.Stream)ev.Payload!),
        EventKind.Message => new Lane(LaneKind.Datagram, ev.Target, ev.From, 0),
        EventKind.Timer => new Lane(LaneKind.Timer, ev.Target, -1, 0),
        _ => new Lane(LaneKind.Harness, -1, -1, 0),
    };

    private static Lane StreamLane(ConnectionTable.Stream s) => new(LaneKind.Stream, s.To, s.From, s.Owner.Id);

    /// <summary>A compact, stable text form (decision files record it): S12:1, D1&lt;0, T2, H.</summary>
    public override string ToString() => Kind switch
    {
        LaneKind.Stream => string.Create(CultureInfo.InvariantCulture, $"S{Id}:{Node}<{Peer}"),
        LaneKind.Datagram => string.Create(CultureInfo.InvariantCulture, $"D{Node}<{Peer}"),
        LaneKind.Timer => string.Create(CultureInfo.InvariantCulture, $"T{Node}"),
        _ => "H",
    };
}
