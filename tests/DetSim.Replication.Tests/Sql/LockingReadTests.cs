using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Sql;

/// <summary>
/// UPDATE and DELETE are locking reads in InnoDB (RM80 innodb-locks-set.html): a lookup by primary
/// key locks that record or its gap, a scan locks every record and gap it passes. So they wait for
/// a concurrent uncommitted INSERT of a row they would match, instead of missing it on the source
/// and then changing it on a STATEMENT replica that applies the INSERT first.
/// </summary>
public class LockingReadTests
{
    private static readonly StatementExecutor X = new();

    private static InnoDb Engine()
    {
        var engine = new InnoDb(new DetSim.Core.Disk.SimDisk(), FlushLogAtTrxCommit.EachCommit);
        engine.LoadBaseline(new RedoBaseline([(TableSchema.Simple(), [])]));
        return engine;
    }

    private static SessionContext Session() => new(() => new SimTime(1), new SimRandom(1), "app@client", 7, "uuid", 1, 1);

    [Theory]
    [InlineData("UPDATE t SET v = v + 1 WHERE id = 5")]
    [InlineData("DELETE FROM t WHERE id = 5")]
    [InlineData("UPDATE t SET v = 0 WHERE v > 3")]
    [InlineData("DELETE FROM t WHERE v < 100 LIMIT 1")]
    public void A_statement_that_would_match_an_uncommitted_insert_waits_for_it(string sql)
    {
        InnoDb engine = Engine();
        var locks = new RowLocks();
        var inserter = new TransactionStore(engine);
        X.Run("INSERT INTO t (id, v) VALUES (5, 7)", inserter, Session(), Flavor.MySql80);
        locks.Acquire(1, inserter.WrittenKeys());

        var updater = new TransactionStore(engine);
        X.Run(sql, updater, Session(), Flavor.MySql80);
        Assert.Empty(updater.Changes); // the row is not committed, so it is not seen...
        Assert.Equal(1, locks.FindConflict(2, updater.WrittenKeys())); // ...and the statement waits for its inserter
    }

    [Fact]
    public void A_locking_scan_blocks_inserts_into_the_table_until_it_commits()
    {
        InnoDb engine = Engine();
        var locks = new RowLocks();
        var scanner = new TransactionStore(engine);
        X.Run("DELETE FROM t WHERE v < 0", scanner, Session(), Flavor.MySql80);
        locks.Acquire(1, scanner.WrittenKeys());

        var inserter = new TransactionStore(engine);
        X.Run("INSERT INTO t (id, v) VALUES (9, 1)", inserter, Session(), Flavor.MySql80);
        Assert.Equal(1, locks.FindConflict(2, inserter.WrittenKeys()));
        locks.ReleaseAll(1);
        Assert.Equal(0, locks.FindConflict(2, inserter.WrittenKeys()));
    }

    [Fact]
    public void Point_lookups_of_different_keys_do_not_conflict()
    {
        InnoDb engine = Engine();
        var locks = new RowLocks();
        var a = new TransactionStore(engine);
        X.Run("UPDATE t SET v = 1 WHERE id = 3", a, Session(), Flavor.MySql80);
        locks.Acquire(1, a.WrittenKeys());
        var b = new TransactionStore(engine);
        X.Run("UPDATE t SET v = 1 WHERE id = 4", b, Session(), Flavor.MySql80);
        Assert.Equal(0, locks.FindConflict(2, b.WrittenKeys()));
    }
}
