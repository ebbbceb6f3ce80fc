using DetSim.Core;
using DetSim.Replication.Failover;

namespace DetSim.Replication.Scenarios;

/// <summary>Everything a run produced: the kernel's result, the client history, the servers at the end, the failovers.</summary>
public sealed record RunReport(
    Scenario Scenario,
    ulong Seed,
    RunResult Result,
    IReadOnlyList<Operation> History,
    IReadOnlyList<ServerSnapshot> Servers,
    IReadOnlyList<FailoverRecord> Failovers,
    string? FinalSource,
    string? TraceText)
{
    public ServerSnapshot? Server(string name) => Servers.FirstOrDefault(s => s.Name == name);
}
