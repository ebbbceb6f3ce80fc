using DetSim.Checking;
using DetSim.Cli.Explanation;
using DetSim.Replication.Clients;
using DetSim.Replication.Failover;
using DetSim.Replication.Scenarios;
using DetSim.Specs;

namespace DetSim.Cli.Commands;

/// <summary>Prints one seed's outcome so a person can follow what happened and why an invariant broke.</summary>
internal static class Explain
{
    /// <summary>Prints the outcome and returns the exit code: 3 for a model error (a DetSim bug), else 0.</summary>
    public static int Print(Spec spec, SeedOutcome o, bool trace)
    {
        Console.WriteLine($"spec {spec.Name} ({spec.File}), seed {o.Seed}");
        if (o.Report is not { } report)
        {
            Console.WriteLine($"  DETSIM BUG (model error, exit code {ExitCodes.ModelError}) at seed {o.Seed}: {o.ModelError}");
            Console.WriteLine("  This is a bug in DetSim's model, not a finding about MySQL; no invariant was judged.");
            Console.WriteLine($"replay: {SpecJudge.ReplayCommand(spec.File, o.Seed)}");
            return ExitCodes.ModelError;
        }
        Console.WriteLine($"  {report.Result}");
        var h = report.History;
        Console.WriteLine($"  clients: {h.Count} requests, {h.Count(x => x.Outcome == OpOutcome.Ok)} ok, {h.Count(x => x.Outcome == OpOutcome.Failed)} failed, {h.Count(x => x.Outcome == OpOutcome.Unknown)} unknown (no reply)");
        // What struck and when (from the trace when it was captured), then what the failover did.
        foreach (string line in RunSummary.FaultLines(spec, o)) Console.WriteLine($"  {line}");
        foreach (FailoverRecord f in report.Failovers) Console.WriteLine($"  {f}");
        foreach (ServerSnapshot s in report.Servers)
        {
            string role = s.IsSource ? "source" : s.ConfiguredSource is null ? "standalone" : $"replica of {s.ConfiguredSource}";
            string data = s.Tables is null ? "" : $", {s.Tables.Values.Sum(t => t.Count)} rows, binlog {s.BinlogBytes} bytes, gtid_executed [{s.GtidExecuted}]";
            Console.WriteLine($"  {s.Name}: {s.Status.ToString().ToLowerInvariant()}, {role}{data}");
            if (s.Replica is { } st && !st.Healthy) Console.WriteLine($"    {st}");
        }
        if (o.RunProblem is { } problem)
            Console.WriteLine($"  RUN {o.Kind.ToString().ToUpperInvariant()} at seed {o.Seed}: {problem}; what the checkers found below is no evidence");
        foreach (CheckResult c in o.Inconclusive) Console.WriteLine($"  INCONCLUSIVE {c.Invariant}: {c.Reason}");
        if (o.Violations.Count == 0 && !o.Inconclusive.Any()) Console.WriteLine($"  every checked invariant held ({string.Join(", ", spec.Check)})");
        foreach (Violation v in o.Violations.Take(10)) Console.WriteLine($"  VIOLATION {RunSummary.Values(spec, v.ToString())}");
        if (o.Violations.Count > 10) Console.WriteLine($"  ... and {o.Violations.Count - 10} more violations");
        if (trace && report.TraceText is not null) Console.Write(report.TraceText);
        Console.WriteLine($"trace hash: {o.TraceHash}");
        Console.WriteLine($"replay: {SpecJudge.ReplayCommand(spec.File, o.Seed)}");
        return ExitCodes.Ok;
    }
}
