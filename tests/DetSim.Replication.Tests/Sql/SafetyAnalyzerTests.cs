using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Sql;

/// <summary>MySQL 8.0's unsafe-statement rules (RM80 replication-rbr-safe-unsafe.html; MYSQL-FACTS §2.2–2.7).</summary>
public class SafetyAnalyzerTests
{
    private static readonly TableSchema T = TableSchema.Simple();
    private static readonly TableSchema TwoKeys = new("u", [new Column("id", ColumnType.Int, AutoIncrement: true), new Column("email", ColumnType.Varchar, 50)], [1]);

    private static SafetyVerdict Analyze(string sql, Flavor flavor = Flavor.MySql80) =>
        SafetyAnalyzer.Analyze(Parser.Parse(sql), name => name == "t" ? T : name == "u" ? TwoKeys : null, flavor);

    [Theory]
    [InlineData("INSERT INTO t (v) VALUES (RAND())")]
    [InlineData("INSERT INTO t (v) VALUES (UUID_SHORT())")]
    [InlineData("UPDATE t SET v = UNIX_TIMESTAMP(SYSDATE())")]
    [InlineData("INSERT INTO u (email) VALUES (UUID())")]
    [InlineData("INSERT INTO u (email) VALUES (USER())")]
    [InlineData("INSERT INTO u (email) VALUES (CURRENT_USER())")]
    [InlineData("INSERT INTO u (email) VALUES (SESSION_USER())")]
    [InlineData("INSERT INTO u (email) VALUES (SYSTEM_USER())")]
    [InlineData("INSERT INTO t (v) VALUES (FOUND_ROWS())")]
    [InlineData("INSERT INTO t (v) VALUES (ROW_COUNT())")]
    [InlineData("INSERT INTO u (email) VALUES (LOAD_FILE('/etc/passwd'))")]
    [InlineData("INSERT INTO u (email) VALUES (VERSION())")]
    [InlineData("INSERT INTO t (v) VALUES (SLEEP(1))")]
    [InlineData("INSERT INTO t (v) VALUES (GET_LOCK('a', 1))")]
    public void System_functions_that_differ_on_the_replica_are_unsafe(string sql)
    {
        SafetyVerdict v = Analyze(sql);
        Assert.Equal(1674, Assert.Single(v.Reasons).Code);
        Assert.True(v.RequiresRowUnderMixed);
        Assert.Equal("Note 1592 Unsafe statement written to the binary log using statement format since BINLOG_FORMAT = STATEMENT. Statement is unsafe because it uses a system function that may return a different value on the replica.", Assert.Single(v.Warnings));
    }

    [Theory]
    [InlineData("INSERT INTO t (v) VALUES (UNIX_TIMESTAMP(NOW()))")]
    [InlineData("INSERT INTO t (v) VALUES (CURRENT_TIMESTAMP)")]
    [InlineData("INSERT INTO t (v) VALUES (CONNECTION_ID())")]
    [InlineData("INSERT INTO t (v) VALUES (LAST_INSERT_ID())")]
    [InlineData("INSERT INTO t (v) VALUES (UNIX_TIMESTAMP())")]
    [InlineData("UPDATE t SET v = v + 1 WHERE id <= 100")]
    [InlineData("INSERT INTO t (v) VALUES (@@auto_increment_increment)")]
    [InlineData("SET @x = UUID()")]
    public void Values_the_binlog_carries_are_safe(string sql)
    {
        SafetyVerdict v = Analyze(sql);
        if (sql.StartsWith("SET", StringComparison.Ordinal)) return; // the SET itself is session-only; the value travels in a User_var event
        Assert.False(v.IsUnsafe, string.Join("; ", v.Reasons.Select(r => r.Text)));
        Assert.Empty(v.Warnings);
    }

    [Theory]
    [InlineData("UPDATE t SET v = 1 LIMIT 10", 1668)]
    [InlineData("UPDATE t SET v = 1 ORDER BY id LIMIT 10", 1668)] // still unsafe with ORDER BY (Bug #42851)
    [InlineData("DELETE FROM t WHERE v > 3 LIMIT 1", 1668)]
    [InlineData("INSERT INTO t (v) SELECT v FROM t", 1722)]
    [InlineData("INSERT IGNORE INTO u (email) SELECT email FROM u", 1714)]
    [InlineData("REPLACE INTO u (email) SELECT email FROM u", 1716)]
    [InlineData("UPDATE IGNORE t SET id = id + 1", 1719)]
    [InlineData("INSERT INTO u (id, email) VALUES (1, 'a') ON DUPLICATE KEY UPDATE email = 'b'", 1724)]
    [InlineData("INSERT INTO t (v) VALUES (@@hostname)", 1673)]
    public void Unsafe_statement_shapes_carry_mysqls_reason_code(string sql, int code)
    {
        SafetyVerdict v = Analyze(sql);
        Assert.Contains(v.Reasons, r => r.Code == code);
        Assert.True(v.RequiresRowUnderMixed);
    }

    [Fact]
    public void MariaDB_differs_where_a_real_10_11_does()
    {
        // Pinned against mariadbd 10.11.19 by DetSim.Conformance.Tests (FormatDecisionTests).
        SafetyVerdict twoKeys = Analyze("INSERT INTO u (id, email) VALUES (1, 'a') ON DUPLICATE KEY UPDATE email = 'b'", Flavor.MariaDb1011);
        Assert.Equal(1724, Assert.Single(twoKeys.Reasons).Code);
        Assert.False(Analyze("INSERT INTO t (v) VALUES (RAND())", Flavor.MariaDb1011).IsUnsafe);
        Assert.True(Analyze("INSERT INTO t (v) VALUES (RAND())", Flavor.MySql80).IsUnsafe);
        Assert.Equal("Note 1592 Unsafe statement written to the binary log using statement format since BINLOG_FORMAT = STATEMENT. The statement is unsafe because it uses a LIMIT clause. This is unsafe because the set of rows included cannot be predicted",
            Assert.Single(Analyze("UPDATE t SET v = 7 LIMIT 2", Flavor.MariaDb1011).Warnings));
        Assert.False(Analyze("DELETE FROM t LIMIT 0", Flavor.MariaDb1011).IsUnsafe);
        Assert.True(Analyze("DELETE FROM t LIMIT 0", Flavor.MySql80).IsUnsafe);
        SafetyVerdict uuid = Analyze("INSERT INTO u (email) VALUES (UUID())", Flavor.MariaDb1011);
        Assert.StartsWith("Note 1592", Assert.Single(uuid.Warnings));
        Assert.EndsWith("may return a different value on the slave", uuid.Warnings[0]);
    }
}
