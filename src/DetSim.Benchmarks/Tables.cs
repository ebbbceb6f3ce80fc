using DetSim.Core.Disk;
using DetSim.Core.Random;
using DetSim.Core.Time;
using DetSim.Replication.Engine;
using DetSim.Replication.Execution;
using DetSim.Replication.Storage;

namespace DetSim.Benchmarks;

/// <summary>A committed table t (id INT PRIMARY KEY AUTO_INCREMENT, v INT) with ids 1..n, read through a transaction's store.</summary>
internal static class Tables
{
    public static TransactionStore WithRows(int n)
    {
        var engine = new InnoDb(new SimDisk(), FlushLogAtTrxCommit.EachCommit);
        var rows = new List<Value[]>(n);
        for (int i = 1; i <= n; i++) rows.Add([Value.Of(i), Value.Of(i % 97)]);
        engine.LoadBaseline(new RedoBaseline([(TableSchema.Simple(), rows)]));
        return new TransactionStore(engine);
    }

    public static SessionContext Session() => new(() => new SimTime(1), new SimRandom(1), "app@client", 7, "uuid", 1, 1);
}
