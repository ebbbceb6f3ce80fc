using DetSim.Core.Time;

namespace DetSim.Core.Scheduling;

public enum EventKind : byte
{
    /// <summary>A network message arriving at <see cref="SimEvent.Target"/>.</summary>
    Message,
    /// <summary>A timer a node set for itself.</summary>
    Timer,
    /// <summary>A scripted action or fault run by the simulation itself (target -1).</summary>
    Action,
    /// <summary>The head segment of one direction of a connection is due (payload: the stream, tag: its generation).</summary>
    Stream,
}

/// <summary>
/// One scheduled event. A struct kept in the scheduler's array heap, so scheduling allocates
/// nothing. <see cref="Epoch"/> is the target node's incarnation when the event was scheduled: a
/// crash bumps the incarnation, which drops the node's timers and the messages in flight to it
/// without searching the queue.
/// </summary>
public struct SimEvent
{
    public SimTime Time;
    public long Seq;
    public int Target;
    public int From;
    public int Epoch;
    public EventKind Kind;
    public long Tag;
    public object? Payload;

    public static SimEvent Message(SimTime time, int from, int to, int epoch, long tag, object? payload) =>
        new() { Time = time, Kind = EventKind.Message, From = from, Target = to, Epoch = epoch, Tag = tag, Payload = payload };

    public static SimEvent Timer(SimTime time, int node, int epoch, long tag, object? payload) =>
        new() { Time = time, Kind = EventKind.Timer, From = node, Target = node, Epoch = epoch, Tag = tag, Payload = payload };

    public static SimEvent Stream(SimTime time, int from, int to, long generation, object stream) =>
        new() { Time = time, Kind = EventKind.Stream, From = from, Target = to, Epoch = -1, Tag = generation, Payload = stream };

    public static SimEvent Action(SimTime time, long tag, object? payload) =>
        new() { Time = time, Kind = EventKind.Action, From = -1, Target = -1, Tag = tag, Payload = payload };
}
