using DetSim.Core.Time;
using DetSim.Harness.Routing;

namespace DetSim.Harness.Failover;

/// <summary>
/// One recovery of one failed source, as a <see cref="IRecoveryPolicy"/> sees it: what the tool
/// saw when it began, and the only ways it can act: ask a server (a request over a connection,
/// answered or not within a timeout), wait, publish a route, note, and finish with a record.
/// </summary>
public sealed class Recovery
{
    private readonly FailoverNode _node;

    internal Recovery(FailoverNode node, string failedSource, IReadOnlyDictionary<string, AdminAnswer> probe)
    {
        _node = node;
        FailedSource = failedSource;
        Probe = probe;
        Seen = probe.Where(kv => kv.Value.Ok).ToDictionary(kv => kv.Key, kv => kv.Value.Result!, StringComparer.Ordinal);
    }

    public string FailedSource { get; }

    /// <summary>Every server, in definition order.</summary>
    public IReadOnlyList<string> Servers => _node.Servers;

    /// <summary>Each server's answer to the status query, reached or not.</summary>
    public IReadOnlyDictionary<string, AdminAnswer> Probe { get; }

    /// <summary>The status of every server that answered, by name.</summary>
    public IReadOnlyDictionary<string, object> Seen { get; }

    /// <summary>The tool's own clock.</summary>
    public SimTime Now => _node.Now;

    public bool Finished { get; private set; }

    /// <summary>Sends <paramref name="command"/> to <paramref name="server"/>; <paramref name="then"/> runs with the answer, or with unreachable after <paramref name="timeout"/>.</summary>
    public void Ask(string server, object command, Duration timeout, Action<AdminAnswer> then) => _node.Ask(server, command, timeout, then);

    /// <summary>
    /// Sends each command in order on one connection to <paramref name="server"/> (they run in that
    /// order) and calls <paramref name="then"/> once with every answer, stopping at the first that failed.
    /// </summary>
    public void AskInOrder(string server, IReadOnlyList<object> commands, Duration timeout, Action<IReadOnlyList<AdminAnswer>> then)
    {
        var answers = new List<AdminAnswer>();
        void Next()
        {
            if (answers.Count == commands.Count || (answers.Count > 0 && !answers[^1].Ok)) { then(answers); return; }
            Ask(server, commands[answers.Count], timeout, a => { answers.Add(a); Next(); });
        }
        Next();
    }

    /// <summary>Asks several servers at once; <paramref name="then"/> runs once every one answered or timed out, with the answers by server.</summary>
    public void AskAll(IReadOnlyList<(string Server, object Command)> requests, Duration timeout, Action<IReadOnlyDictionary<string, AdminAnswer>> then) =>
        _node.AskAll(requests, timeout, then);

    public void After(Duration delay, Action then) => _node.After(delay, then);

    public void Note(string text) => _node.Note(text);

    /// <summary>Sends clients elsewhere (a proxy or DNS update).</summary>
    public void Publish(ServiceRoute route, string reason) => _node.Publish(route, reason);

    /// <summary>Ends the recovery with what it did (for the report); later calls are ignored.</summary>
    public void Finish(object record)
    {
        if (Finished) return;
        Finished = true;
        _node.Finished(this, record);
    }
}
