using DetSim.Replication.Sql;
using DetSim.Replication.Storage;
using Xunit.Abstractions;

namespace DetSim.Replication.Tests.Sql;

/// <summary>
/// The unsafe decisions of MySQL's own test, mysql-test/suite/binlog/r/binlog_unsafe.result
/// (mysql/mysql-server; binlog_format=STATEMENT), transcribed statement by statement: which
/// 1592 notes MySQL 8.0 gives, in order. Only top-level statements the model's SQL can express
/// are taken; statements through stored routines, triggers, views, prepared statements,
/// INSERT DELAYED, mysql.general_log and CREATE ... SELECT are left out (the model has none of
/// them). Tables whose shape the model cannot write keep the number of unique keys the
/// decision depends on (insert_2_keys: two UNIQUE keys there, a primary and a unique key here).
/// </summary>
public class MysqlTestBinlogUnsafeTests(ITestOutputHelper output)
{
    private static readonly Dictionary<string, TableSchema> Tables = new(StringComparer.OrdinalIgnoreCase)
    {
        ["t0"] = Varchar("t0"), ["t1"] = Varchar("t1"), ["t3"] = Varchar("t3"), ["data_table"] = Varchar("data_table"),
        ["autoinc_table"] = new("autoinc_table", [new Column("a", ColumnType.Int, AutoIncrement: true)]),
        ["kt1"] = new("kt1", [new Column("b", ColumnType.Int), new Column("a", ColumnType.Int)]),
        ["insert_table"] = TwoInts("insert_table"), ["replace_table"] = TwoInts("replace_table"), ["update_table"] = TwoInts("update_table"),
        ["filler_table"] = TwoInts("filler_table"),
        ["insert_2_keys"] = new("insert_2_keys", [new Column("a", ColumnType.Int), new Column("b", ColumnType.Int)], [1]),
    };

    private static TableSchema Varchar(string name) => new(name, [new Column("id", ColumnType.Int, AutoIncrement: false), new Column("a", ColumnType.Varchar, 1000)]);

    private static TableSchema TwoInts(string name) => new(name, [new Column("a", ColumnType.Int), new Column("b", ColumnType.Int)]);

    /// <summary>Statement → the reason codes of its Note 1592 lines, in MySQL's order (empty: safe, no note).</summary>
    public static TheoryData<string, int[]> MySqlDecisions() => new()
    {
        // The loop over unsafe types, invoked directly (call_type 7): UUID(), @@hostname, SELECT ... LIMIT, a UDF.
        { "INSERT INTO t0 (a) VALUES (UUID())", [1674] },
        { "INSERT INTO t0 (a) VALUES (@@hostname)", [1673] },
        { "INSERT INTO t0 (a) SELECT a FROM data_table LIMIT 1", [1668] },
        { "INSERT INTO t0 (a) VALUES (myfunc_int(10))", [1672] },
        // A statement unsafe for two reasons: system variable, then system function (multi_unsafe_func's CONCAT(UUID(), @@hostname)).
        { "INSERT INTO t0 (a) VALUES (CONCAT(UUID(), @@hostname))", [1673, 1674] },
        // "Special system variables that should *not* be unsafe".
        { "INSERT INTO t1 (a) VALUES (@@session.auto_increment_increment)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.auto_increment_offset)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.character_set_client)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.character_set_connection)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.character_set_database)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.character_set_server)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.collation_connection)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.collation_database)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.collation_server)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.foreign_key_checks)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.identity)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.last_insert_id)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.lc_time_names)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.pseudo_thread_id)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.sql_auto_is_null)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.timestamp)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.time_zone)", [] },
        { "INSERT INTO t1 (a) VALUES (@@session.unique_checks)", [] },
        { "INSERT INTO t1 (a) VALUES (@my_var)", [] },
        { "INSERT INTO autoinc_table (a) VALUES (NULL)", [] },
        // "The following variables *should* give a warning, despite they are replicated."
        { "INSERT INTO t1 (a) VALUES (@@session.sql_mode)", [1673] },
        { "INSERT INTO t1 (a) VALUES (@@session.insert_id)", [1673] },
        // BUG#34768 (t1 with KEY(a), PRIMARY KEY(b)): REPLACE ... SELECT ... LIMIT gives two notes.
        { "INSERT INTO kt1 SELECT * FROM kt1 LIMIT 1", [1668] },
        { "REPLACE INTO kt1 SELECT * FROM kt1 LIMIT 1", [1668, 1716] },
        { "UPDATE kt1 SET a=1 LIMIT 1", [1668] },
        { "DELETE FROM kt1 LIMIT 1", [1668] },
        // Bug#42634, bug#41980, BUG#42640.
        { "UPDATE t1 SET a = '%s%s%s%s%s%s%s%s%s%s%s%s%s%s' WHERE a = 'a' LIMIT 1", [1668] },
        { "INSERT INTO t1 SELECT * FROM t3 LIMIT 1", [1668] },
        { "INSERT INTO t3 (id, a) VALUES (1, UUID())", [1674] },
        { "INSERT INTO t1 (a) VALUES (@@global.sync_binlog)", [1673] },
        { "UPDATE t1 SET id = 999 LIMIT 1", [1668] },
        { "DELETE FROM t1 LIMIT 1", [1668] },
        // System functions, one INSERT each.
        { "INSERT INTO t1 (a) VALUES (CURRENT_USER())", [1674] },
        { "INSERT INTO t1 (a) VALUES (FOUND_ROWS())", [1674] },
        { "INSERT INTO t1 (a) VALUES (GET_LOCK('tmp', 1))", [1674] },
        { "INSERT INTO t1 (a) VALUES (IS_FREE_LOCK('tmp'))", [1674] },
        { "INSERT INTO t1 (a) VALUES (IS_USED_LOCK('tmp'))", [1674] },
        { "INSERT INTO t1 (a) VALUES (LOAD_FILE('../../std_data/words2.dat'))", [1674] },
        { "INSERT INTO t1 (a) VALUES (MASTER_POS_WAIT('dummy arg', 4711, 1))", [1674] },
        { "INSERT INTO t1 (a) VALUES (RELEASE_LOCK('tmp'))", [1674] },
        { "INSERT INTO t1 (a) VALUES (ROW_COUNT())", [1674] },
        { "INSERT INTO t1 (a) VALUES (SESSION_USER())", [1674] },
        { "INSERT INTO t1 (a) VALUES (SLEEP(1))", [1674] },
        { "INSERT INTO t1 (a) VALUES (SYSDATE())", [1674] },
        { "INSERT INTO t1 (a) VALUES (SYSTEM_USER())", [1674] },
        { "INSERT INTO t1 (a) VALUES (USER())", [1674] },
        { "INSERT INTO t1 (a) VALUES (UUID())", [1674] },
        { "INSERT INTO t1 (a) VALUES (UUID_SHORT())", [1674] },
        { "INSERT INTO t1 (a) VALUES (VERSION())", [1674] },
        { "INSERT INTO t1 (a) VALUES (RAND())", [1674] },
        { "INSERT INTO t1 (a) VALUES (RANDOM_BYTES(16))", [1674] },
        { "INSERT INTO t1 (a) VALUES (AES_ENCRYPT('a', 'a'))", [1674] },
        { "INSERT INTO t1 (a) VALUES (AES_DECRYPT('a', 'a'))", [1674] },
        // Time functions the binlog carries (SET TIMESTAMP): safe.
        { "INSERT INTO t1 (a) VALUES (CURDATE()), (CURRENT_DATE()), (CURRENT_TIME()), (CURRENT_TIMESTAMP()), (CURTIME()), (LOCALTIME()), (LOCALTIMESTAMP()), (NOW()), (UNIX_TIMESTAMP()), (UTC_DATE()), (UTC_TIME()), (UTC_TIMESTAMP())", [] },
        // IGNORE / REPLACE / ON DUPLICATE KEY UPDATE shapes.
        { "INSERT IGNORE INTO insert_table SELECT * FROM filler_table", [1714] },
        { "INSERT INTO insert_table SELECT * FROM filler_table ON DUPLICATE KEY UPDATE a = 1", [1715] },
        { "REPLACE INTO replace_table SELECT * FROM filler_table", [1716] },
        { "UPDATE IGNORE update_table SET a=2", [1719] },
        { "INSERT INTO insert_2_keys VALUES (1, 2) ON DUPLICATE KEY UPDATE a=VALUES(a)+10, b=VALUES(b)+10", [1724] },
    };

    private static SafetyVerdict Analyze(string sql, Flavor flavor) =>
        SafetyAnalyzer.Analyze(Parser.Parse(sql), name => Tables.GetValueOrDefault(name), flavor);

    private static bool Agrees(string sql, int[] codes)
    {
        IReadOnlyList<string> notes = Analyze(sql, Flavor.MySql80).Warnings;
        if (notes.Count != codes.Length) return false;
        for (int i = 0; i < codes.Length; i++)
        {
            if (!notes[i].StartsWith("Note 1592 ", StringComparison.Ordinal)) return false;
            if (Analyze(sql, Flavor.MySql80).Reasons[i].Code != codes[i]) return false;
        }
        return true;
    }

    [Theory]
    [MemberData(nameof(MySqlDecisions))]
    public void The_model_gives_the_1592_notes_binlog_unsafe_result_shows(string sql, int[] codes)
    {
        SafetyVerdict v = Analyze(sql, Flavor.MySql80);
        Assert.Equal(codes, v.Reasons.Select(r => r.Code).ToArray());
        Assert.Equal(codes.Length, v.Warnings.Count);
        Assert.All(v.Warnings, w => Assert.StartsWith("Note 1592 Unsafe statement written to the binary log using statement format since BINLOG_FORMAT = STATEMENT. ", w));
        Assert.Equal(codes.Length > 0, v.RequiresRowUnderMixed);
    }

    [Fact]
    public void Agreement_count()
    {
        TheoryData<string, int[]> cases = MySqlDecisions();
        int agree = 0, total = 0;
        foreach (object[] row in cases)
        {
            total++;
            if (Agrees((string)row[0], (int[])row[1])) agree++;
        }
        output.WriteLine($"binlog_unsafe.result: {agree} of {total} decisions agree");
        Assert.Equal(total, agree);
    }

    /// <summary>MariaDB 10.11 keeps RANDOM_BYTES unsafe but not AES_ENCRYPT/AES_DECRYPT or RAND (checked against mariadbd 10.11 with SHOW WARNINGS).</summary>
    [Theory]
    [InlineData("INSERT INTO t1 (a) VALUES (RANDOM_BYTES(16))", new[] { 1674 })]
    [InlineData("INSERT INTO t1 (a) VALUES (AES_ENCRYPT('a', 'a'))", new int[0])]
    [InlineData("INSERT INTO t1 (a) VALUES (AES_DECRYPT('a', 'a'))", new int[0])]
    [InlineData("INSERT INTO t1 (a) VALUES (CONCAT(UUID(), @@hostname))", new[] { 1673, 1674 })]
    [InlineData("REPLACE INTO kt1 SELECT * FROM kt1 LIMIT 1", new[] { 1668, 1716 })]
    public void MariaDB_decisions(string sql, int[] codes)
    {
        SafetyVerdict v = Analyze(sql, Flavor.MariaDb1011);
        Assert.Equal(codes, v.Reasons.Select(r => r.Code).ToArray());
        Assert.All(v.Warnings, w => Assert.StartsWith("Note 1592 ", w));
    }
}
