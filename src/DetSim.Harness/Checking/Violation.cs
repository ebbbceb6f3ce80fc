using DetSim.Core.Time;

namespace DetSim.Harness.Checking;

/// <summary>An invariant that broke: which, when, what happened, and the operations and servers involved.</summary>
public sealed record Violation(string Invariant, SimTime At, string Message, IReadOnlyList<long> Operations, IReadOnlyList<string> Servers)
{
    public override string ToString() =>
        $"{Invariant} violated at {At}: {Message}" +
        (Servers.Count > 0 ? $" [servers: {string.Join(", ", Servers)}]" : "") +
        (Operations.Count > 0 ? $" [ops: {string.Join(", ", Operations.Take(8).Select(o => "#" + o))}{(Operations.Count > 8 ? ", ..." : "")}]" : "");
}
