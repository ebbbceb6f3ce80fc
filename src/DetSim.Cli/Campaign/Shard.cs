namespace DetSim.Cli.Campaign;

/// <summary>
/// Shard K of N: the seeds whose index (seed - seed_start) is K-1 modulo N. N machines running
/// shards 1..N together cover exactly the campaign, and each stops at its own first failure, so the
/// smallest failing seed across shards is the campaign's first failing seed.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    public static Shard All { get; } = new(1, 1);

    public static Shard Parse(string? text)
    {
        if (text is null) return All;
        string[] parts = text.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], out int k) || !int.TryParse(parts[1], out int n) || n < 1 || k < 1 || k > n)
            throw new BadInputException($"--shard '{text}' must be K/N with 1 <= K <= N (for example 2/4)");
        return new Shard(k, n);
    }

    public bool Includes(ulong seed, ulong seedStart) => (seed - seedStart) % (ulong)Count == (ulong)(Index - 1);

    public override string ToString() => $"{Index}/{Count}";
}
