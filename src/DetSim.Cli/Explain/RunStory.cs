using System.Text.RegularExpressions;
using DetSim.Checking;
using DetSim.Core.Tracing;
using DetSim.Replication.Scenarios;
using DetSim.Specs;

namespace DetSim.Cli.Explanation;

/// <summary>What a mark on the diagram stands for.</summary>
public enum MarkKind : byte
{
    Crash,
    Restart,
    Pause,
    Resume,
    Partition,
    Heal,
    ClockJump,
    Failover,
    Fault,
    Error,
    Note,
    Commit,
    Violation,
    End,
}

/// <summary>A lane of the diagram: a server or a client node.</summary>
public sealed record Lane(string Name, bool IsServer);

/// <summary>
/// A message as an arrow. The trace records deliveries, not sends: <see cref="SentMicros"/> is the
/// sender's last step at or before the delivery (a node sends only while it handles a step, so the
/// message left then or earlier; a retransmitted one may have waited longer).
/// </summary>
public sealed record Message(long Step, string From, string To, long SentMicros, long AtMicros, string Type, string Text, bool Dropped);

/// <summary>A point event on a lane (or on every lane when <see cref="Node"/> is null).</summary>
public sealed record Mark(long Step, long Micros, MarkKind Kind, string? Node, string Text);

/// <summary>A stretch of time a node spent down, paused, or cut off by a partition.</summary>
public sealed record Span(MarkKind Kind, string Node, long FromMicros, long? ToMicros, string Text);

/// <summary>
/// One seed's run read for people: its lanes, messages, faults, failovers and violations, taken
/// from the trace and the history. Built once; the narrative and the diagram both read it.
/// </summary>
public sealed partial class RunStory
{
    private RunStory(Spec spec, SeedOutcome outcome)
    {
        Spec = spec;
        Outcome = outcome;
    }

    public Spec Spec { get; }
    public SeedOutcome Outcome { get; }
    public RunReport? Report => Outcome.Report;
    public IReadOnlyList<TraceLine> Trace { get; private set; } = [];
    public List<Lane> Lanes { get; } = new();
    public List<Message> Messages { get; } = new();
    public List<Mark> Marks { get; } = new();
    public List<Span> Spans { get; } = new();
    public long EndMicros { get; private set; }

    /// <summary>The operations the violations name (highlighted in the diagram).</summary>
    public IReadOnlyList<Operation> ViolatingOperations { get; private set; } = [];

    public IEnumerable<string> ServerNames => Lanes.Where(l => l.IsServer).Select(l => l.Name);

    /// <summary>Runs <paramref name="seed"/> with the trace on and reads it.</summary>
    public static RunStory Run(Spec spec, ulong seed) => Of(spec, SpecJudge.RunSeed(spec, seed, captureTrace: true));

    public static RunStory Of(Spec spec, SeedOutcome outcome)
    {
        var story = new RunStory(spec, outcome);
        story.Read();
        return story;
    }

    private void Read()
    {
        foreach (ServerDefinition s in Spec.Scenario.Servers) Lanes.Add(new Lane(s.Name, true));
        foreach (var c in Spec.Scenario.Clients) Lanes.Add(new Lane("client-" + c.Name, false));
        Trace = TraceLines.Parse(Report?.TraceText);
        var lastStep = new Dictionary<string, long>(StringComparer.Ordinal);
        var open = new Dictionary<(MarkKind, string), Span>();
        var partitioned = new List<string>();
        foreach (TraceLine t in Trace)
        {
            EndMicros = Math.Max(EndMicros, t.Micros);
            switch (t.Kind)
            {
                case TraceKind.Start or TraceKind.Timer:
                    lastStep[t.Node] = t.Micros;
                    break;
                case TraceKind.Deliver:
                    Messages.Add(new Message(t.Step, t.Peer, t.Node, SentAt(lastStep, t.Peer, t.Micros), t.Micros, MessageType(t.Verb), t.Detail, false));
                    lastStep[t.Node] = t.Micros;
                    if (t.Verb.StartsWith("reply#", StringComparison.Ordinal) && Gtid().Match(t.Detail) is { Success: true } g && t.Detail.Contains(" ok ", StringComparison.Ordinal))
                        Marks.Add(new Mark(t.Step, SentAt(lastStep, t.Peer, t.Micros), MarkKind.Commit, t.Peer, $"{t.Peer} committed {g.Value}, OK sent to {t.Node}"));
                    break;
                case TraceKind.Connect or TraceKind.Disconnect:
                    lastStep[t.Node] = t.Micros;
                    break;
                case TraceKind.Drop when t.Verb != "timer-of-dead-incarnation":
                    Messages.Add(new Message(t.Step, t.Peer, t.Node, SentAt(lastStep, t.Peer, t.Micros), t.Micros, "dropped", t.Detail, true));
                    break;
                case TraceKind.Crash:
                    Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Crash, t.Node, $"{t.Node} crashed ({t.Detail})"));
                    open[(MarkKind.Crash, t.Node)] = new Span(MarkKind.Crash, t.Node, t.Micros, null, $"{t.Node} down");
                    break;
                case TraceKind.Restart:
                    Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Restart, t.Node, $"{t.Node} restarted"));
                    Close(open, MarkKind.Crash, t.Node, t.Micros);
                    lastStep[t.Node] = t.Micros;
                    break;
                case TraceKind.Pause:
                    Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Pause, t.Node, $"{t.Node} paused"));
                    open[(MarkKind.Pause, t.Node)] = new Span(MarkKind.Pause, t.Node, t.Micros, null, $"{t.Node} paused");
                    break;
                case TraceKind.Resume:
                    Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Resume, t.Node, $"{t.Node} resumed"));
                    Close(open, MarkKind.Pause, t.Node, t.Micros);
                    lastStep[t.Node] = t.Micros;
                    break;
                case TraceKind.Fault:
                    ReadFault(t, open, partitioned);
                    break;
                case TraceKind.Note:
                    ReadNote(t, open, partitioned);
                    if (t.Node.Length > 0) lastStep[t.Node] = t.Micros;
                    break;
                case TraceKind.End:
                    Marks.Add(new Mark(t.Step, t.Micros, MarkKind.End, null, $"run ended: {t.Detail}"));
                    break;
            }
        }
        if (Report is { } r) EndMicros = Math.Max(EndMicros, r.Result.EndTime.Micros);
        foreach (Span s in open.Values.OrderBy(s => s.FromMicros)) Spans.Add(s);
        Spans.Sort((a, b) => a.FromMicros.CompareTo(b.FromMicros));
        AddViolations();
    }

    private void AddViolations()
    {
        if (Report is not { } report) return;
        var ids = new HashSet<long>();
        foreach (Violation v in Outcome.Violations)
        {
            Marks.Add(new Mark(-1, v.At.Micros, MarkKind.Violation, v.Servers.FirstOrDefault(), v.ToString()));
            foreach (long id in v.Operations) ids.Add(id);
        }
        ViolatingOperations = report.History.Where(o => ids.Contains(o.Id)).OrderBy(o => o.Id).ToArray();
        Marks.Sort((a, b) => a.Micros != b.Micros ? a.Micros.CompareTo(b.Micros) : a.Step.CompareTo(b.Step));
    }

    private void ReadFault(TraceLine t, Dictionary<(MarkKind, string), Span> open, List<string> partitioned)
    {
        string[] w = t.Detail.Split(' ');
        string? node = w.Length > 1 && IsLane(w[1].TrimEnd(':')) ? w[1].TrimEnd(':') : null;
        switch (w[0])
        {
            case "partition" when w.Length >= 4:
                foreach (string n in new[] { w[1], w[3] }.Where(IsLane)) OpenPartition(t, n, open, partitioned);
                Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Partition, w[1], $"fault: {t.Detail}"));
                break;
            case "isolate":
                if (node is not null) OpenPartition(t, node, open, partitioned);
                Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Partition, node, $"fault: {t.Detail}"));
                break;
            case "heal":
                Heal(t, open, partitioned);
                Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Heal, null, $"fault: {t.Detail}"));
                break;
            case "clock-jump" or "clock-drift":
                Marks.Add(new Mark(t.Step, t.Micros, MarkKind.ClockJump, node, $"fault: {t.Detail}"));
                break;
            case "failover":
                break; // the note that follows says what it did
            case "crash" or "restart" or "pause":
                break; // the crash / restart / pause record follows on the node's lane
            default:
                Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Fault, node, $"fault: {t.Detail}"));
                break;
        }
    }

    private void ReadNote(TraceLine t, Dictionary<(MarkKind, string), Span> open, List<string> partitioned)
    {
        if (t.Node.Length == 0)
        {
            if (t.Detail.StartsWith("failover at ", StringComparison.Ordinal))
                Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Failover, null, t.Detail));
            else if (t.Detail.StartsWith("heal:", StringComparison.Ordinal))
            {
                Heal(t, open, partitioned);
                Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Heal, null, t.Detail));
            }
            else Marks.Add(new Mark(t.Step, t.Micros, MarkKind.Note, null, t.Detail));
            return;
        }
        string text = t.Detail.StartsWith(t.Node + ": ", StringComparison.Ordinal) ? t.Detail[(t.Node.Length + 2)..] : t.Detail;
        bool error = text.Contains(" error ", StringComparison.Ordinal) || text.StartsWith("Timeout", StringComparison.Ordinal) || text.Contains("switched OFF", StringComparison.Ordinal);
        Marks.Add(new Mark(t.Step, t.Micros, error ? MarkKind.Error : MarkKind.Note, t.Node, $"{t.Node}: {text}"));
    }

    private void OpenPartition(TraceLine t, string node, Dictionary<(MarkKind, string), Span> open, List<string> partitioned)
    {
        if (open.ContainsKey((MarkKind.Partition, node))) return;
        open[(MarkKind.Partition, node)] = new Span(MarkKind.Partition, node, t.Micros, null, $"{t.Detail} (from {MySqlText.Ms(t.Micros)})");
        partitioned.Add(node);
    }

    private void Heal(TraceLine t, Dictionary<(MarkKind, string), Span> open, List<string> partitioned)
    {
        foreach (string n in partitioned) Close(open, MarkKind.Partition, n, t.Micros);
        partitioned.Clear();
        foreach (var key in open.Keys.Where(k => k.Item1 == MarkKind.Pause).ToArray()) Close(open, MarkKind.Pause, key.Item2, t.Micros);
    }

    private void Close(Dictionary<(MarkKind, string), Span> open, MarkKind kind, string node, long at)
    {
        if (!open.Remove((kind, node), out Span? s)) return;
        Spans.Add(s with { ToMicros = at });
    }

    private bool IsLane(string name) => Lanes.Any(l => l.Name == name);

    private static long SentAt(Dictionary<string, long> lastStep, string from, long at) =>
        lastStep.TryGetValue(from, out long t) && t <= at ? t : at;

    private static string MessageType(string verb)
    {
        int hash = verb.IndexOf('#');
        return hash > 0 ? verb[..hash] : verb;
    }

    [GeneratedRegex(@"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}:\d+")]
    internal static partial Regex Gtid();
}
