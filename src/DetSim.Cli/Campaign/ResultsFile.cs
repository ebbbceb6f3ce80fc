using System.Text.Json;

namespace DetSim.Cli.Campaign;

/// <summary>The machine-readable results of a check (or of one shard), for `detsim merge`.</summary>
public static class ResultsFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static void Write(string path, IReadOnlyList<SpecResult> results)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        File.WriteAllText(path, JsonSerializer.Serialize(results, Options));
    }

    public static IReadOnlyList<SpecResult> Read(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<List<SpecResult>>(File.ReadAllText(path), Options) ?? throw new BadInputException($"{path}: empty results file");
        }
        catch (JsonException e)
        {
            throw new BadInputException($"{path}: not a detsim results file ({e.Message})");
        }
    }

    /// <summary>
    /// Combines shards of the same campaign: per spec, seeds add up; the first failing seed is the
    /// smallest over shards; a holds-spec is met only if every shard held, a violated-spec if any shard found it.
    /// </summary>
    public static IReadOnlyList<SpecResult> Merge(IEnumerable<SpecResult> shards)
    {
        var merged = new List<SpecResult>();
        foreach (var group in shards.GroupBy(r => r.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var all = group.ToList();
            SpecResult? failing = all.Where(r => r.FirstFailingSeed is not null).MinBy(r => r.FirstFailingSeed);
            bool holds = all[0].Expect == "holds";
            bool modelError = all.Any(r => r.ModelError);
            bool met = !modelError && (holds ? all.All(r => r.Met) : all.Any(r => r.Met));
            SpecResult? inconclusive = all.Where(r => r.FirstInconclusiveSeed is not null).MinBy(r => r.FirstInconclusiveSeed);
            SpecResult? cut = all.Where(r => r.FirstCutShortSeed is not null).MinBy(r => r.FirstCutShortSeed);
            string shardsText = string.Join(",", all.Select(r => r.Shard).Order(StringComparer.Ordinal));
            merged.Add(all[0] with
            {
                Met = met,
                ModelError = modelError,
                Inconclusive = all.Sum(r => r.Inconclusive),
                FirstInconclusiveSeed = inconclusive?.FirstInconclusiveSeed,
                CutShort = all.Sum(r => r.CutShort),
                FirstCutShortSeed = cut?.FirstCutShortSeed,
                SeedsRun = all.Sum(r => r.SeedsRun),
                Shard = shardsText,
                FirstFailingSeed = failing?.FirstFailingSeed,
                TraceHash = failing?.TraceHash,
                Summary = failing?.Summary ?? (holds ? $"held on {all.Sum(r => r.SeedsRun - r.Inconclusive)} of {all.Sum(r => r.SeedsRun)} seeds" + (all.Sum(r => r.Inconclusive) is > 0 and var n ? $"; {n} seed(s) inconclusive, first seed {inconclusive!.FirstInconclusiveSeed}" : "") : all[0].Summary),
                Seconds = all.Sum(r => r.Seconds),
            });
        }
        return merged;
    }
}
