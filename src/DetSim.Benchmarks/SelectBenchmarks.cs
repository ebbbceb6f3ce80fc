using BenchmarkDotNet.Attributes;
using DetSim.Replication;
using DetSim.Replication.Execution;
using DetSim.Replication.Sql;

namespace DetSim.Benchmarks;

/// <summary>
/// The bug-hunt readers' query against a table of 1,000 and of 100,000 rows. In key order the
/// executor walks the clustered index from its end and stops at LIMIT, so the cost does not grow
/// with the table; ordered by another column it must sort every row first (a filesort), which is
/// what every read cost before reads in index order. The WHERE (true for every row) keeps the
/// executor from answering with its remembered result, which the last row times: a plain
/// <c>SELECT *</c> of a table that has not changed since the same read.
/// </summary>
[MemoryDiagnoser]
public class SelectBenchmarks
{
    private readonly StatementExecutor _executor = new();
    private readonly SessionContext _session = Tables.Session();
    private TransactionStore _store = null!;

    [Params(1_000, 100_000)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup() => _store = Tables.WithRows(Rows);

    [Benchmark(Baseline = true, Description = "ORDER BY v DESC LIMIT 100 (filesort)")]
    public int NewestHundredSorted() => Run("SELECT * FROM t WHERE id > 0 ORDER BY v DESC LIMIT 100");

    [Benchmark(Description = "ORDER BY id DESC LIMIT 100 (index order)")]
    public int NewestHundredByKey() => Run("SELECT * FROM t WHERE id > 0 ORDER BY id DESC LIMIT 100");

    [Benchmark(Description = "WHERE id = 500 (point lookup)")]
    public int PointLookup() => Run("SELECT * FROM t WHERE id = 500");

    [Benchmark(Description = "unchanged table, same read (remembered)")]
    public int Remembered() => Run("SELECT * FROM t ORDER BY id DESC LIMIT 100");

    internal int Run(string sql) => _executor.Run(sql, _store, _session, Flavor.MySql80).Rows.Count;
}
