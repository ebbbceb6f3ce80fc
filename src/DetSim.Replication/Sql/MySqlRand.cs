namespace DetSim.Replication.Sql;

/// <summary>
/// MySQL's RAND() generator (mysys/my_rnd.cc my_rnd, struct rand_struct; seeded in
/// sql/item_func.cc): max_value 0x3FFFFFFF, seed1 = (seed1*3 + seed2) % max,
/// seed2 = (seed1 + seed2 + 33) % max, result seed1 / max. A Rand event carries seed1 and seed2,
/// so a replica that starts from them draws the same sequence.
/// </summary>
public sealed class MySqlRand(ulong seed1, ulong seed2)
{
    public const ulong MaxValue = 0x3FFFFFFFUL;

    public ulong Seed1 { get; private set; } = seed1 % MaxValue;
    public ulong Seed2 { get; private set; } = seed2 % MaxValue;

    public double Next()
    {
        Seed1 = (Seed1 * 3 + Seed2) % MaxValue;
        Seed2 = (Seed1 + Seed2 + 33) % MaxValue;
        return (double)Seed1 / MaxValue;
    }
}
