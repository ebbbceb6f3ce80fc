using DetSim.Replication.Scenarios;

namespace DetSim.Conformance.Tests.Cases;

/// <summary>The tables and statements the cases share: the model's canonical table t and a table u with a second unique key.</summary>
internal static class Workload
{
    public const string T = "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)";
    public const string U = "CREATE TABLE u (id INT PRIMARY KEY AUTO_INCREMENT, email VARCHAR(50), UNIQUE KEY (email))";
    public const int BaselineRows = 20;

    public static IReadOnlyList<TableSetup> ModelTables => [new TableSetup(T, BaselineRows), new TableSetup(U)];

    public static IReadOnlyList<string> RealSetup => [T, U, Harness.MariaDbCluster.BaselineRows("t", BaselineRows)];

    /// <summary>Twelve statements whose logging differs by format and safety (RM80 replication-rbr-safe-unsafe.html; MariaDB KB "Unsafe Statements for Statement-based Replication").</summary>
    public static readonly string[] Statements =
    [
        "INSERT INTO t (v) VALUES (1)",
        "UPDATE t SET v = v + 1 WHERE id = 3",
        "DELETE FROM t WHERE id = 20",
        "UPDATE t SET v = 5 WHERE id <= 5",
        "INSERT INTO t (v) VALUES (RAND())",
        "INSERT INTO u (email) VALUES (UUID())",
        "UPDATE t SET v = 7 LIMIT 2",
        "INSERT INTO t (v) SELECT v FROM t WHERE id <= 2",
        "INSERT INTO u (id, email) VALUES (1, 'a') ON DUPLICATE KEY UPDATE email = 'b'",
        "INSERT INTO t (v) VALUES (@@server_id)",
        "INSERT INTO t (v) VALUES (FOUND_ROWS())",
        "INSERT INTO t (v) VALUES (LAST_INSERT_ID())",
    ];
}
