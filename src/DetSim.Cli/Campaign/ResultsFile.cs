using System.Globalization;
using System.Text.Json;

namespace DetSim.Cli.Campaign;

/// <summary>
/// The machine-readable results of a check (or of one shard), for `detsim merge`. The file names the
/// detsim version that wrote it and, per spec, the shard, the seed range (seed_start, seeds) and the
/// spec's content hash, so merge can refuse shards that do not add up to one campaign.
/// </summary>
public static class ResultsFile
{
    public const string Format = "detsim-results/2";

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public sealed record Contents(string Format, string DetsimVersion, string Shard, IReadOnlyList<SpecResult> Results);

    public static void Write(string path, IReadOnlyList<SpecResult> results, string? shard = null)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } dir) Directory.CreateDirectory(dir);
        var contents = new Contents(Format, Commands.VersionCommand.Version, shard ?? results.FirstOrDefault()?.Shard ?? Campaign.Shard.All.ToString(), results);
        File.WriteAllText(path, JsonSerializer.Serialize(contents, Options));
    }

    public static IReadOnlyList<SpecResult> Read(string path) => ReadContents(path).Results;

    public static Contents ReadContents(string path)
    {
        Contents? c;
        try
        {
            string text = File.ReadAllText(path);
            if (text.TrimStart().StartsWith('[')) throw new BadInputException($"{path}: written by an older detsim (no version, shard or spec hashes); run the check again");
            c = JsonSerializer.Deserialize<Contents>(text, Options);
        }
        catch (JsonException e)
        {
            throw new BadInputException($"{path}: not a detsim results file ({e.Message})");
        }
        if (c is null || c.Format != Format || c.Results is null || c.DetsimVersion is null)
            throw new BadInputException($"{path}: not a detsim results file (expected format {Format})");
        return c;
    }

    /// <summary>
    /// Refuses results that are not exactly one campaign: files from different detsim versions, a
    /// spec whose text differs between shards, different seed ranges or shard counts, a shard that
    /// is missing, or one that appears twice. Returns every problem, one per line.
    /// </summary>
    public static IReadOnlyList<string> Problems(IReadOnlyList<(string File, Contents Contents)> files)
    {
        var problems = new List<string>();
        var versions = files.Select(f => f.Contents.DetsimVersion).Distinct(StringComparer.Ordinal).ToList();
        if (versions.Count > 1)
            problems.Add($"results from different detsim versions: {string.Join("; ", files.Select(f => $"{f.File}: {f.Contents.DetsimVersion}"))}");
        var shards = files.Select(f => (f.File, Shard: TryShard(f.Contents.Shard))).ToList();
        foreach (var bad in shards.Where(s => s.Shard is null)) problems.Add($"{bad.File}: shard '{files.First(f => f.File == bad.File).Contents.Shard}' is not K/N");
        if (problems.Count > 0) return problems;
        var counts = shards.Select(s => s.Shard!.Count).Distinct().ToList();
        if (counts.Count > 1) problems.Add($"shards of different splits overlap: {string.Join(", ", shards.Select(s => $"{s.File} is {s.Shard}"))}");
        foreach (var dup in shards.GroupBy(s => s.Shard!.Index).Where(g => g.Count() > 1))
            problems.Add($"shard {dup.First().Shard} appears {dup.Count()} times ({string.Join(", ", dup.Select(d => d.File))}): its seeds would count twice");
        if (counts.Count == 1)
            for (int k = 1; k <= counts[0]; k++)
                if (shards.All(s => s.Shard!.Index != k)) problems.Add($"shard {k}/{counts[0]} is missing: its seeds were never run");
        foreach (var spec in files.SelectMany(f => f.Contents.Results.Select(r => (f.File, R: r))).GroupBy(x => x.R.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var all = spec.ToList();
            if (all.Select(x => x.R.SpecHash).Distinct(StringComparer.Ordinal).Count() > 1)
                problems.Add($"spec {spec.Key} differs between shards (spec hashes {string.Join(", ", all.Select(x => $"{x.R.SpecHash} in {x.File}"))})");
            if (all.Where(x => x.R.BadSpec is null).Select(x => (x.R.SeedStart, x.R.Seeds)).Distinct().Count() > 1)
                problems.Add($"spec {spec.Key} ran different seed ranges ({string.Join(", ", all.Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.R.Seeds} seeds from {x.R.SeedStart} in {x.File}")))})");
            if (all.Count != files.Count)
                problems.Add($"spec {spec.Key} is missing from {string.Join(", ", files.Select(f => f.File).Except(all.Select(x => x.File)))}");
        }
        return problems;
    }

    private static Shard? TryShard(string text)
    {
        try { return Campaign.Shard.Parse(text); }
        catch (BadInputException) { return null; }
    }

    /// <summary>
    /// Combines shards of the same campaign (checked by <see cref="Problems"/>): per spec, seeds add
    /// up; the first failing seed is the smallest over shards; a holds-spec is met only if every
    /// shard held, a violated-spec if any shard found it. The merged results cover the campaign: shard 1/1.
    /// </summary>
    public static IReadOnlyList<SpecResult> Merge(IEnumerable<SpecResult> shards)
    {
        var merged = new List<SpecResult>();
        foreach (var group in shards.GroupBy(r => r.Name).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var all = group.ToList();
            if (all.FirstOrDefault(r => r.BadSpec is not null) is { } bad) { merged.Add(bad with { Shard = Campaign.Shard.All.ToString() }); continue; }
            SpecResult? failing = all.Where(r => r.FirstFailingSeed is not null).MinBy(r => r.FirstFailingSeed);
            bool holds = all[0].Expect == "holds";
            bool modelError = all.Any(r => r.ModelError);
            bool met = !modelError && (holds ? all.All(r => r.Met) : all.Any(r => r.Met));
            bool unfinished = !met && failing is null && all.Any(r => r.Interrupted || r.NotRun);
            SpecResult? inconclusive = all.Where(r => r.FirstInconclusiveSeed is not null).MinBy(r => r.FirstInconclusiveSeed);
            SpecResult? cut = all.Where(r => r.FirstCutShortSeed is not null).MinBy(r => r.FirstCutShortSeed);
            int seedsRun = all.Sum(r => r.SeedsRun), inconclusiveSeeds = all.Sum(r => r.Inconclusive);
            merged.Add(all[0] with
            {
                Met = met,
                ModelError = modelError,
                Interrupted = unfinished,
                NotRun = unfinished && all.All(r => r.NotRun),
                Inconclusive = inconclusiveSeeds,
                FirstInconclusiveSeed = inconclusive?.FirstInconclusiveSeed,
                CutShort = all.Sum(r => r.CutShort),
                FirstCutShortSeed = cut?.FirstCutShortSeed,
                SeedsRun = seedsRun,
                Shard = Campaign.Shard.All.ToString(),
                FirstFailingSeed = failing?.FirstFailingSeed,
                TraceHash = failing?.TraceHash,
                Summary = failing?.Summary
                          ?? (unfinished ? $"interrupted: {seedsRun} of {all[0].Seeds} seeds run over {all.Count} shards; no verdict"
                              : holds ? $"held on {seedsRun - inconclusiveSeeds} of {seedsRun} seeds" + (inconclusiveSeeds > 0 ? $"; {inconclusiveSeeds} seed(s) inconclusive, first seed {inconclusive!.FirstInconclusiveSeed}" : "")
                              : all[0].Summary),
                Seconds = all.Sum(r => r.Seconds),
            });
        }
        return merged;
    }
}
