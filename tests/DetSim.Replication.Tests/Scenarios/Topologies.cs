using DetSim.Core.Faults;
using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Server;

namespace DetSim.Replication.Tests.Scenarios;

/// <summary>Small scenario builders shared by the model tests.</summary>
internal static class Topologies
{
    public const string Table = "CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)";

    public static ServerOptions Fast(ServerOptions o) => o with
    {
        ReplicaNetTimeout = Duration.FromMillis(500),
        HeartbeatPeriod = Duration.FromMillis(100),
    };

    public static ClientOptions Writers(int sessions = 2, Duration? duration = null, params TransactionTemplate[] mix) => new()
    {
        Name = "app",
        Sessions = sessions,
        Duration = duration ?? Duration.FromSeconds(2),
        Think = Duration.FromMillis(5),
        RequestTimeout = Duration.FromMillis(500),
        Transactions = mix.Length > 0 ? mix : [new TransactionTemplate(3, ["INSERT INTO t (v) VALUES ({n})"]), new TransactionTemplate(1, ["UPDATE t SET v = v + 1 WHERE id = ?"], 1, 20)],
    };

    public static Scenario SourceWithReplicas(int replicas, ServerOptions? options = null, FaultPlan? faults = null, params ClientOptions[] clients)
    {
        ServerOptions o = Fast(options ?? new ServerOptions { GtidMode = true });
        var servers = new List<ServerDefinition> { new("s1", o) };
        for (int i = 1; i <= replicas; i++) servers.Add(new ServerDefinition($"r{i}", o, "s1"));
        return new Scenario
        {
            Name = $"source-{replicas}-replicas",
            Servers = servers,
            Tables = [new TableSetup(Table, 20)],
            Clients = clients.Length > 0 ? clients : [Writers()],
            Faults = faults ?? FaultPlan.Empty,
            TimeLimit = SimTime.FromSeconds(30),
        };
    }
}
