using DetSim.Replication.Sql;

namespace DetSim.Specs.Tests;

/// <summary>
/// `transaction_isolation` and `innodb_lock_wait_timeout` from a spec (the declared settings, added
/// through docs/architecture.md's "Adding a setting" steps): STATEMENT format under READ COMMITTED
/// fails every write with 1665 (sql/sql_class.cc THD::decide_logging_format), MIXED logs rows.
/// </summary>
public class IsolationSpecTests
{
    private static string Spec(string format, string isolation) => $$"""
        name: isolation
        expect: holds
        check: [converged]
        defaults: { binlog_format: {{format}}, transaction_isolation: {{isolation}}, innodb_lock_wait_timeout: 3s }
        servers:
          s1: {}
          r1: { source: s1 }
        workload:
          tables:
            - create: "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)"
          clients:
            - name: w
              duration: 1s
              transactions:
                - { sql: ["INSERT INTO t (v) VALUES (1)"] }
        """;

    [Fact]
    public void The_settings_reach_every_server()
    {
        SpecParseResult r = SpecLoader.Parse(Spec("STATEMENT", "READ-COMMITTED"), "iso.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        foreach (var server in r.Spec!.Scenario.Servers)
        {
            Assert.Equal(IsolationLevel.ReadCommitted, server.Options.TransactionIsolation);
            Assert.Equal(3_000_000, server.Options.InnodbLockWaitTimeout.Micros);
        }
    }

    [Fact]
    public void Statement_format_under_read_committed_fails_every_write_with_1665_and_mixed_logs_rows()
    {
        SeedOutcome statement = SpecJudge.RunSeed(SpecLoader.Parse(Spec("STATEMENT", "READ-COMMITTED"), "iso.yaml").Spec!, 1);
        var writes = statement.Report!.History.Where(o => !o.IsRead).ToList();
        Assert.NotEmpty(writes);
        Assert.All(writes, w => Assert.Equal(1665, w.ErrorCode));
        Assert.Empty(statement.Report.Server("s1")!.Tables!["t"]);

        SeedOutcome mixed = SpecJudge.RunSeed(SpecLoader.Parse(Spec("MIXED", "READ-COMMITTED"), "iso.yaml").Spec!, 1);
        Assert.Contains(mixed.Report!.History, o => !o.IsRead && o.ErrorCode == 0);
        Assert.NotEmpty(mixed.Report.Server("r1")!.Tables!["t"]);
    }

    [Fact]
    public void A_misspelt_level_lists_the_allowed_ones()
    {
        SpecParseResult r = SpecLoader.Parse(Spec("ROW", "READ-COMITTED"), "iso.yaml");
        string error = Assert.Single(r.Errors).ToString();
        Assert.StartsWith("iso.yaml:4:", error);
        Assert.Contains("READ-COMMITTED", error);
    }
}
