using DetSim.Replication.Engine;
using DetSim.Replication.Replica;

namespace DetSim.Replication.Server;

/// <summary>What a server is created with: its options, the data it was provisioned with, and its initial source (if a replica).</summary>
public sealed record ServerSetup(string Name, ServerOptions Options, RedoBaseline Baseline, ReplicaSource? InitialSource, Execution.ISqlDialect Sql);
