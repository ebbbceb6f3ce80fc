using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Sql;

/// <summary>
/// Comparisons of integer columns with integer literals and placeholders are made on longs (no
/// boxes); they must answer as the general comparison does, with NULL and text on either side
/// (MySQL: a comparison with NULL is NULL, which no WHERE accepts; a string compared with a number
/// compares as numbers).
/// </summary>
public class WhereComparisonTests
{
    private static readonly StatementExecutor X = new();

    private static TransactionStore Store()
    {
        TableSchema schema = MySqlDialect.Instance.ParseCreateTable("CREATE TABLE t (id INT PRIMARY KEY, v INT, s VARCHAR(10))");
        var engine = new InnoDb(new DetSim.Core.Disk.SimDisk(), FlushLogAtTrxCommit.EachCommit);
        engine.LoadBaseline(new RedoBaseline([(schema, [
            [Value.Of(1), Value.Of(10), Value.Of("10")],
            [Value.Of(2), Value.Null, Value.Of("2")],
            [Value.Of(3), Value.Of(-5), Value.Of("abc")],
            [Value.Of(4), Value.Of(10), Value.Null],
        ])]));
        return new TransactionStore(engine);
    }

    private static SessionContext Session() => new(() => new SimTime(1), new SimRandom(1), "app@client", 7, "uuid", 1, 1);

    private static long[] Ids(string where) =>
        X.Run($"SELECT id FROM t WHERE {where} ORDER BY id", Store(), Session(), Flavor.MySql80).Rows.Select(r => r[0].Integer).ToArray();

    [Theory]
    [InlineData("v = 10", new long[] { 1, 4 })]
    [InlineData("v <> 10", new long[] { 3 })] // NULL <> 10 is NULL
    [InlineData("v < 0", new long[] { 3 })]
    [InlineData("v >= -5", new long[] { 1, 3, 4 })]
    [InlineData("10 <= v", new long[] { 1, 4 })]
    [InlineData("v = NULL", new long[] { })]
    [InlineData("NOT (v = 10)", new long[] { 3 })]
    [InlineData("v IS NULL", new long[] { 2 })]
    [InlineData("id > 1 AND v > 0", new long[] { 4 })]
    [InlineData("v = 10 OR id = 2", new long[] { 1, 2, 4 })]
    [InlineData("s = 10", new long[] { 1 })] // text against a number: compared as numbers
    [InlineData("s > 5", new long[] { 1 })] // '2' < 5, 'abc' is 0, NULL is NULL
    [InlineData("v = s", new long[] { 1 })]
    [InlineData("v + 0 = 10", new long[] { 1, 4 })]
    public void Integer_comparisons_answer_as_the_general_comparison(string where, long[] expected) =>
        Assert.Equal(expected, Ids(where));

    [Fact]
    public void An_unknown_column_still_fails_with_1054()
    {
        SqlError e = Assert.Throws<SqlError>(() => Ids("nope = 1"));
        Assert.Equal(1054, e.Code);
    }

    [Fact]
    public void A_placeholder_compares_as_its_bound_value()
    {
        TransactionStore store = Store();
        for (long n = 1; n <= 4; n++)
        {
            string text = $"SELECT v FROM t WHERE id = {n}";
            StatementOutcome o = X.Run(text, "SELECT v FROM t WHERE id = {n}", new TemplateValues(0, n, 1), store, Session(), Flavor.MySql80);
            Assert.Equal(X.Run(text, store, Session(), Flavor.MySql80).Rows.Single(), o.Rows.Single());
        }
    }

    [Theory]
    [InlineData("CONCAT(s, '-', id)", new[] { "10-1", "2-2", "abc-3", null })]
    [InlineData("COALESCE(v, s, 7)", new[] { "10", "2", "-5", "10" })]
    [InlineData("IFNULL(s, 'none')", new[] { "10", "2", "abc", "none" })]
    [InlineData("id IN (2, 4, 9)", new[] { "0", "1", "0", "1" })]
    [InlineData("v NOT IN (10)", new[] { "0", null, "1", "0" })]
    public void Functions_and_lists_evaluate_as_before(string item, string?[] expected)
    {
        IReadOnlyList<Storage.Value[]> rows = X.Run($"SELECT {item} FROM t ORDER BY id", Store(), Session(), Flavor.MySql80).Rows;
        Assert.Equal(expected, rows.Select(r => r[0].IsNull ? null : r[0].IsText ? r[0].Text : r[0].Integer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("v", new long[] { 3, 2, 1, 4 })] // NULL sorts as the model's comparison has it (as 0), equal values by key
    [InlineData("v DESC", new long[] { 4, 1, 2, 3 })]
    public void A_filesort_orders_as_the_general_comparison(string order, long[] expected) =>
        Assert.Equal(expected, X.Run($"SELECT id FROM t ORDER BY {order}", Store(), Session(), Flavor.MySql80).Rows.Select(r => r[0].Integer));

    [Fact]
    public void A_scan_allocates_nothing_per_row_it_judges()
    {
        TableSchema schema = TableSchema.Simple();
        var engine = new InnoDb(new DetSim.Core.Disk.SimDisk(), FlushLogAtTrxCommit.EachCommit);
        engine.LoadBaseline(new RedoBaseline([(schema, [.. Enumerable.Range(1, 10_000).Select(i => new[] { Value.Of(i), Value.Of(i % 7) })])]));
        var store = new TransactionStore(engine);
        SessionContext session = Session();
        const string sql = "SELECT * FROM t WHERE v = 3 AND id < 0 OR id IN (-1, -2) OR v IS NULL";
        Assert.Empty(X.Run(sql, store, session, Flavor.MySql80).Rows);
        long before = GC.GetAllocatedBytesForCurrentThread();
        X.Run(sql, store, session, Flavor.MySql80);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 10_000, $"judging 10,000 rows allocated {allocated} bytes (it was 56 B for every expression node of every row)");
    }
}
