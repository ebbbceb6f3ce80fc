using DetSim.Core.Disk;
using DetSim.Core.Nodes;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using DetSim.Core.Tracing;

namespace DetSim.Core.Network;

/// <summary>
/// Every open connection of a run. A connection is two ordered streams of segments (open, data,
/// close) with at most one delivery event per stream in the scheduler, so a stream can never be
/// reordered, lose its middle or deliver twice. A partition, or a host that is powered off, makes
/// the head segment wait for the next retransmission (<see cref="TcpOptions"/>); a connection that
/// stays unanswered past the give-up time times out at the sender. Loss and duplication never apply
/// inside a stream: they are for datagrams (<see cref="INodeContext.Send(int, object)"/>).
/// </summary>
internal sealed class ConnectionTable
{
    private readonly Simulation _sim;
    private readonly TcpOptions _tcp;
    private readonly Dictionary<long, ConnectionState> _open = new();
    private long _nextId;

    public ConnectionTable(Simulation sim, TcpOptions tcp)
    {
        _sim = sim;
        _tcp = tcp.Validate();
    }

    public int OpenCount => _open.Count;

    public Connection Connect(NodeSlot from, NodeSlot to)
    {
        var state = new ConnectionState(++_nextId, from, to);
        _open.Add(state.Id, state);
        from.Connections.Add(state);
        to.Connections.Add(state);
        Enqueue(state.Streams[0], SegmentKind.Open, null, CloseReason.Closed);
        return new Connection(state.Id, to.Index);
    }

    public void Send(NodeSlot from, Connection connection, object message)
    {
        if (!TryEnd(from, connection, out ConnectionState? state, out int end) || !state.Ends[end].Open)
        {
            _sim.Trace.Add(_sim.Now, TraceKind.Drop, connection.Peer, from.Index, connection.Id, "connection-closed", message);
            return;
        }
        Enqueue(state.Streams[end], SegmentKind.Data, message, CloseReason.Closed);
    }

    public void Close(NodeSlot from, Connection connection)
    {
        if (!TryEnd(from, connection, out ConnectionState? state, out int end) || !state.Ends[end].Open) return;
        state.Ends[end].Open = false;
        Abandon(state.Streams[1 - end]);
        Enqueue(state.Streams[end], SegmentKind.Close, null, CloseReason.Closed);
    }

    /// <summary>
    /// The node died. A killed process (<see cref="CrashMode.ProcessCrash"/>) leaves its host's kernel
    /// running: what the process had written is still sent, then the kernel closes the socket and the
    /// peer sees the connection end at once. A power loss takes the host with it: unsent bytes are
    /// gone and the peer learns nothing until its own timeouts, or a reset once the host is back.
    /// </summary>
    public void OnCrash(NodeSlot node, int deadEpoch, CrashMode mode)
    {
        foreach (ConnectionState state in node.Connections.ToArray())
        {
            for (int end = 0; end < 2; end++)
            {
                ref End e = ref state.Ends[end];
                if (e.Node != node.Index || e.Epoch != deadEpoch) continue;
                Stream incoming = state.Streams[1 - end], outgoing = state.Streams[end];
                bool wasOpen = e.Open;
                e.Open = false;
                if (mode == CrashMode.ProcessCrash)
                {
                    Abandon(incoming);
                    if (wasOpen) Enqueue(outgoing, SegmentKind.Close, null, CloseReason.Closed);
                }
                else
                {
                    Abandon(outgoing);
                    // The peer's segments wait for retransmission; the crash also lost any parked delivery event.
                    Reschedule(incoming);
                }
            }
            if (state.Ends[1].Node == node.Index && state.Ends[1].Epoch < 0) Reschedule(state.Streams[0]); // an open still on its way
            Forget(state);
        }
    }

    /// <summary>A delivery event for <paramref name="stream"/> is due.</summary>
    public void Deliver(in SimEvent ev)
    {
        var stream = (Stream)ev.Payload!;
        if (ev.Tag != stream.Generation) return; // superseded by a reschedule
        stream.Scheduled = false;
        if (stream.Pending.Count == 0) return;
        ConnectionState state = stream.Owner;
        NodeSlot target = _sim.SlotOf(stream.To);
        if (target.Status == NodeStatus.Paused)
        {
            stream.Scheduled = true;
            target.Parked.Add(ev); // sits in the socket buffer until the node runs again
            return;
        }
        bool hostOff = target.Status == NodeStatus.Down && target.LastCrashMode != CrashMode.ProcessCrash;
        if (_sim.Network.IsPartitioned(stream.From, stream.To) || hostOff)
        {
            Retransmit(stream);
            return;
        }
        stream.RetryingSince = null;
        stream.Retries = 0;
        Segment head = stream.Pending.Peek();
        ref End to = ref state.Ends[stream.ToEnd];
        if (target.Status == NodeStatus.Down)
        {
            // The process is gone but its host answers: a connect is refused, anything else reset.
            Abandon(stream);
            if (head.Kind != SegmentKind.Close) Answer(state, stream, head.Kind == SegmentKind.Open ? CloseReason.Refused : CloseReason.Reset);
            Forget(state);
            return;
        }
        switch (head.Kind)
        {
            case SegmentKind.Open:
                stream.Pending.Dequeue();
                to.Epoch = target.Epoch;
                to.Open = true;
                _sim.Trace.Add(_sim.Now, TraceKind.Connect, stream.To, stream.From, state.Id);
                ScheduleNext(stream);
                target.Instance!.OnConnected(target.Context!, new Connection(state.Id, stream.From));
                break;
            case SegmentKind.Data when to.Epoch != target.Epoch:
                // The host rebooted and no longer knows this connection: it answers with a reset.
                Abandon(stream);
                Answer(state, stream, CloseReason.Reset);
                Forget(state);
                break;
            case SegmentKind.Data:
                stream.Pending.Dequeue();
                _sim.Trace.Add(_sim.Now, TraceKind.Deliver, stream.To, stream.From, state.Id, null, head.Payload, Digest.Of(head.Payload));
                ScheduleNext(stream);
                if (to.Open) target.Instance!.OnReceive(target.Context!, new Connection(state.Id, stream.From), head.Payload!);
                break;
            default:
                stream.Pending.Dequeue();
                bool notify = to.Open && to.Epoch == target.Epoch;
                to.Open = false;
                Abandon(state.Streams[1 - stream.ToEnd]);
                _sim.Trace.Add(_sim.Now, TraceKind.Disconnect, stream.To, stream.From, state.Id, ReasonText(head.Reason));
                Forget(state);
                if (notify) target.Instance!.OnDisconnected(target.Context!, new Connection(state.Id, stream.From), head.Reason);
                break;
        }
    }

    private void Retransmit(Stream stream)
    {
        SimTime now = _sim.Now;
        stream.RetryingSince ??= now;
        Segment head = stream.Pending.Peek();
        Duration giveUp = head.Kind == SegmentKind.Open ? _tcp.ConnectGiveUpAfter : _tcp.GiveUpAfter;
        if (now - stream.RetryingSince.Value >= giveUp)
        {
            // ETIMEDOUT at the sender; the receiver's end (if any) learns only from its own timeouts.
            ConnectionState state = stream.Owner;
            int senderEnd = 1 - stream.ToEnd;
            ref End sender = ref state.Ends[senderEnd];
            bool notify = sender.Open;
            sender.Open = false;
            Abandon(stream);
            Abandon(state.Streams[senderEnd == 0 ? 1 : 0]);
            _sim.Trace.Add(now, TraceKind.Disconnect, stream.From, stream.To, state.Id, "timed-out");
            Forget(state);
            NodeSlot slot = _sim.SlotOf(stream.From);
            if (notify && slot.Status == NodeStatus.Up && slot.Epoch == sender.Epoch)
                slot.Instance!.OnDisconnected(slot.Context!, new Connection(state.Id, stream.To), CloseReason.TimedOut);
            return;
        }
        long shift = Math.Min(stream.Retries++, 20);
        Duration rto = Duration.FromMicros(Math.Min(_tcp.RtoMin.Micros << (int)shift, _tcp.RtoMax.Micros));
        Schedule(stream, now + rto);
    }

    /// <summary>The receiving host answers a segment itself (a reset or a refusal) on the way back.</summary>
    private void Answer(ConnectionState state, Stream toward, CloseReason reason)
    {
        Stream back = state.Streams[toward.ToEnd];
        back.Dead = false;
        back.Pending.Clear();
        Enqueue(back, SegmentKind.Close, null, reason);
    }

    private void Enqueue(Stream stream, SegmentKind kind, object? payload, CloseReason reason)
    {
        if (stream.Dead) return;
        SimTime now = _sim.Now;
        SimTime at = now + _sim.Network.Delay(stream.From, stream.To);
        if (at <= stream.LastArrival) at = stream.LastArrival + Duration.FromMicros(1);
        stream.LastArrival = at;
        stream.Pending.Enqueue(new Segment(kind, payload, at, reason));
        if (!stream.Scheduled) Schedule(stream, at);
    }

    private void ScheduleNext(Stream stream)
    {
        if (stream.Scheduled || stream.Pending.Count == 0) return;
        SimTime at = stream.Pending.Peek().Arrival;
        Schedule(stream, at < _sim.Now ? _sim.Now : at);
    }

    private void Reschedule(Stream stream)
    {
        stream.Scheduled = false;
        stream.Generation++;
        ScheduleNext(stream);
    }

    private void Schedule(Stream stream, SimTime at)
    {
        stream.Scheduled = true;
        _sim.Scheduler.Schedule(SimEvent.Stream(at, stream.From, stream.To, stream.Generation, stream));
    }

    /// <summary>Nobody will read this stream again: drop what it still carries.</summary>
    private void Abandon(Stream stream)
    {
        foreach (Segment s in stream.Pending)
            if (s.Kind == SegmentKind.Data) _sim.Trace.Add(_sim.Now, TraceKind.Drop, stream.To, stream.From, stream.Owner.Id, "connection-closed", s.Payload);
        stream.Pending.Clear();
        stream.Dead = true;
        stream.Generation++;
        stream.Scheduled = false;
    }

    private void Forget(ConnectionState state)
    {
        if (state.Ends[0].Open || state.Ends[1].Open || !state.Streams[0].Idle || !state.Streams[1].Idle) return;
        _open.Remove(state.Id);
        _sim.SlotOf(state.Ends[0].Node).Connections.Remove(state);
        _sim.SlotOf(state.Ends[1].Node).Connections.Remove(state);
    }

    private bool TryEnd(NodeSlot from, Connection connection, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConnectionState? state, out int end)
    {
        end = -1;
        if (!_open.TryGetValue(connection.Id, out state)) return false;
        for (int i = 0; i < 2; i++)
            if (state.Ends[i].Node == from.Index && state.Ends[i].Epoch == from.Epoch) end = i;
        return end >= 0;
    }

    private static string ReasonText(CloseReason reason) => reason switch
    {
        CloseReason.Reset => "reset",
        CloseReason.Refused => "refused",
        CloseReason.TimedOut => "timed-out",
        _ => "closed",
    };

    internal enum SegmentKind : byte { Open, Data, Close }

    internal readonly record struct Segment(SegmentKind Kind, object? Payload, SimTime Arrival, CloseReason Reason);

    internal struct End
    {
        public int Node;
        public int Epoch; // -1 until the open arrives
        public bool Open;
    }

    internal sealed class ConnectionState
    {
        public ConnectionState(long id, NodeSlot from, NodeSlot to)
        {
            Id = id;
            Ends[0] = new End { Node = from.Index, Epoch = from.Epoch, Open = true };
            Ends[1] = new End { Node = to.Index, Epoch = -1 };
            Streams = [new Stream(this, from.Index, to.Index, toEnd: 1), new Stream(this, to.Index, from.Index, toEnd: 0)];
        }

        public long Id { get; }
        public End[] Ends { get; } = new End[2];
        public Stream[] Streams { get; }
    }

    /// <summary>One direction of a connection.</summary>
    internal sealed class Stream(ConnectionState owner, int from, int to, int toEnd)
    {
        public ConnectionState Owner { get; } = owner;
        public int From { get; } = from;
        public int To { get; } = to;
        public int ToEnd { get; } = toEnd;
        public Queue<Segment> Pending { get; } = new();
        public bool Scheduled;
        public bool Dead;
        public long Generation;
        public SimTime LastArrival;
        public SimTime? RetryingSince;
        public int Retries;
        public bool Idle => Pending.Count == 0 && !Scheduled;
    }
}
