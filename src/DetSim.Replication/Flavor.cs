namespace DetSim.Replication;

/// <summary>Which server the model imitates where MySQL and MariaDB differ.</summary>
public enum Flavor : byte
{
    MySql80,
    MariaDb1011,
}
