using DetSim.Checking;
using DetSim.Replication.Scenarios;

namespace DetSim.Specs.Tests;

/// <summary>The `reset_replica` fault (STOP REPLICA; RESET REPLICA ALL), end to end from YAML: a detached replica keeps its data but receives nothing more.</summary>
public class ResetReplicaSpecTests
{
    private const string Spec = """
        name: reset-replica
        expect: holds
        check: [converged]
        defaults: { gtid_mode: ON }
        servers:
          s1: {}
          r1: { source: s1 }
        workload:
          tables:
            - create: "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)"
          clients:
            - name: w
              duration: 2s
              transactions:
                - { sql: ["INSERT INTO t (v) VALUES (1)"] }
        faults:
          - { at: 500ms, reset_replica: r1 }
        """;

    [Fact]
    public void It_maps_to_the_named_server()
    {
        SpecParseResult r = SpecLoader.Parse(Spec, "reset.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var fault = Assert.IsType<ResetReplicaFault>(Assert.Single(r.Spec!.Scenario.Faults.Faults).Fault);
        Assert.Equal("r1", fault.Server);
        Assert.Equal(500_000, r.Spec.Scenario.Faults.Faults[0].At.Micros);
    }

    [Fact]
    public void The_reset_replica_stops_replicating_keeps_its_rows_and_leaves_the_topology()
    {
        Spec spec = SpecLoader.Parse(Spec, "reset.yaml").Spec!;
        SeedOutcome o = SpecJudge.RunSeed(spec, 1);
        Assert.Null(o.RunProblem);
        ServerSnapshot source = o.Report!.Server("s1")!, replica = o.Report.Server("r1")!;
        Assert.Null(replica.Replica); // SHOW REPLICA STATUS is empty after RESET REPLICA ALL
        int sourceRows = source.Tables!["t"].Count, replicaRows = replica.Tables!["t"].Count;
        Assert.True(replicaRows > 0, "what r1 applied before the reset stays");
        Assert.True(replicaRows < sourceRows, $"r1 has {replicaRows} rows, s1 {sourceRows}: writes after the reset never reached r1");
        Assert.Null(replica.ConfiguredSource);
        // It replicates from no one now, so `converged` no longer asks it to match s1 (Converged.Followers).
        Assert.Contains(o.Checks, c => c.Invariant == "converged" && c.Violations.Count == 0 && !c.IsInconclusive);
    }

    [Fact]
    public void A_missing_server_is_an_error_at_its_line_and_column()
    {
        SpecParseResult r = SpecLoader.Parse(Spec.Replace("reset_replica: r1", "reset_replica: r9", StringComparison.Ordinal), "reset.yaml");
        string error = Assert.Single(r.Errors).ToString();
        Assert.StartsWith("reset.yaml:17:33:", error);
        Assert.Contains("unknown server 'r9' (servers: s1, r1)", error);
    }
}
