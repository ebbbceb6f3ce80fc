using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Tests.Sql;

public class ExecutorTests
{
    private static (TransactionStore Store, InnoDb Engine) Store()
    {
        var engine = new InnoDb(new DetSim.Core.Disk.SimDisk(), FlushLogAtTrxCommit.EachCommit);
        engine.LoadBaseline(new RedoBaseline([(TableSchema.Simple(), [])]));
        return (new TransactionStore(engine), engine);
    }

    private static SessionContext Session(ulong seed, long clockMicros = 1_000_000, int inc = 1, int off = 1) =>
        new(() => new SimTime(clockMicros), new SimRandom(seed), "app@client", 7, "uuid", inc, off);

    private static readonly StatementExecutor X = new();

    [Fact]
    public void Auto_increment_follows_increment_and_offset()
    {
        var (store, _) = Store();
        var s = Session(1, inc: 2, off: 2);
        StatementOutcome o = X.Run("INSERT INTO t (v) VALUES (1), (2), (3)", store, s, Flavor.MySql80);
        Assert.Equal([2L, 4L, 6L], store.Changes.Select(c => c.Key));
        Assert.Equal(2, o.FirstInsertId);
        Assert.Equal(2, s.LastInsertId);
    }

    [Fact]
    public void Duplicate_keys_fail_with_1062_unless_ignored_or_updated()
    {
        var (store, _) = Store();
        var s = Session(1);
        X.Run("INSERT INTO t (id, v) VALUES (5, 1)", store, s, Flavor.MySql80);
        Assert.Equal(1062, Assert.Throws<SqlError>(() => X.Run("INSERT INTO t (id, v) VALUES (5, 2)", store, s, Flavor.MySql80)).Code);
        X.Run("INSERT IGNORE INTO t (id, v) VALUES (5, 3)", store, s, Flavor.MySql80);
        Assert.Equal(1, store.Get("t", 5)![1].Integer);
        X.Run("INSERT INTO t (id, v) VALUES (5, 3) ON DUPLICATE KEY UPDATE v = v + VALUES(v)", store, s, Flavor.MySql80);
        Assert.Equal(4, store.Get("t", 5)![1].Integer);
    }

    [Fact]
    public void A_replica_reproduces_carried_values_and_differs_in_its_own()
    {
        var (source, _) = Store();
        var src = Session(1, clockMicros: 1_000_000);
        StatementOutcome o = X.Run("INSERT INTO t (v) VALUES (FLOOR(RAND() * 1000000))", source, src, Flavor.MySql80);
        long sourceValue = source.Changes[0].After![1].Integer;
        var (replica, _) = Store();
        var rep = Session(99, clockMicros: 5_000_000);
        rep.RandSeedOverride = o.RandSeeds;
        rep.InsertIdOverride = o.FirstInsertId;
        X.Run("INSERT INTO t (v) VALUES (FLOOR(RAND() * 1000000))", replica, rep, Flavor.MySql80);
        Assert.Equal(sourceValue, replica.Changes[0].After![1].Integer); // same seeds, same number
        Assert.Equal(source.Changes[0].Key, replica.Changes[0].Key);

        // SYSDATE() reads the executing server's clock: the replica gets its own.
        var (a, _) = Store();
        var (b, _) = Store();
        X.Run("INSERT INTO t (v) VALUES (UNIX_TIMESTAMP(SYSDATE()))", a, Session(1, 1_000_000), Flavor.MySql80);
        X.Run("INSERT INTO t (v) VALUES (UNIX_TIMESTAMP(SYSDATE()))", b, Session(1, 5_000_000), Flavor.MySql80);
        Assert.NotEqual(a.Changes[0].After![1], b.Changes[0].After![1]);
        // NOW() comes from the statement time the event header carries.
        var c = Session(2, 9_000_000);
        c.StatementTime = new SimTime(1_000_000);
        var (d, _) = Store();
        X.Run("INSERT INTO t (v) VALUES (UNIX_TIMESTAMP(NOW()))", d, c, Flavor.MySql80);
        Assert.Equal(1, d.Changes[0].After![1].Integer);
    }

    [Fact]
    public void Update_with_order_by_and_limit_picks_the_ordered_rows_and_skips_unchanged_ones()
    {
        var (store, _) = Store();
        var s = Session(1);
        X.Run("INSERT INTO t (v) VALUES (0), (0), (0), (0)", store, s, Flavor.MySql80);
        int before = store.Changes.Count;
        X.Run("UPDATE t SET v = 9 ORDER BY id DESC LIMIT 2", store, s, Flavor.MySql80);
        Assert.Equal([4L, 3L], store.Changes.Skip(before).Select(c => c.Key));
        before = store.Changes.Count;
        X.Run("UPDATE t SET v = 9 WHERE id >= 3", store, s, Flavor.MySql80);
        Assert.Equal(before, store.Changes.Count); // matched but unchanged: nothing for ROW format
    }

    [Fact]
    public void Syntax_errors_are_1064_with_the_text_near_the_error()
    {
        var e = Assert.Throws<SqlError>(() => Parser.Parse("UPDATE t SETT v = 1"));
        Assert.Equal(1064, e.Code);
        Assert.Contains("near 'SETT v = 1'", e.Message);
    }
}
