namespace DetSim.Core.Tracing;

public enum TraceKind : byte
{
    Start,
    Deliver,
    Timer,
    Send,
    Drop,
    Fault,
    Crash,
    Restart,
    Pause,
    Resume,
    Note,
    End,
    Connect,
    Disconnect,
    Retransmit,
}
