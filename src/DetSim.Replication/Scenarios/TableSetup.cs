namespace DetSim.Replication.Scenarios;

/// <summary>A table every server is provisioned with before the run (restored from the same backup): its CREATE TABLE and how many rows.</summary>
public sealed record TableSetup(string CreateSql, int Rows = 0);
