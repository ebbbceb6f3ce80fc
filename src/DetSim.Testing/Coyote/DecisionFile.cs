using System.Text.Json;
using System.Text.Json.Serialization;
using DetSim.Core.Random;
using DetSim.Core.Scheduling;

namespace DetSim.Testing.Coyote;

/// <summary>
/// A failure as a file that travels: the spec's hash, DetSim's version, the run's data seed, the
/// scheduling window and every scheduling decision (step, lane, how many were enabled), plus the
/// failure and trace hash they led to. Replaying it needs neither Coyote nor the machine that found
/// it; a file from another spec or another DetSim version is refused rather than half-replayed.
/// A seed-found failure is a file with <see cref="Mode"/> "seed" and no decisions.
/// </summary>
public sealed record DecisionFile
{
    public const string CurrentFormat = "detsim-decisions/1";

    [JsonPropertyName("format")] public string Format { get; init; } = CurrentFormat;
    [JsonPropertyName("detsim_version")] public required string DetSimVersion { get; init; }
    [JsonPropertyName("spec")] public required string Spec { get; init; }
    [JsonPropertyName("spec_hash")] public required string SpecHash { get; init; }
    /// <summary>"coyote": scheduling decisions replayed; "seed": the seeded runner's own tie-breaking.</summary>
    [JsonPropertyName("mode")] public string Mode { get; init; } = "coyote";
    [JsonPropertyName("data_seed")] public required ulong DataSeed { get; init; }
    [JsonPropertyName("window_us")] public long WindowMicros { get; init; }
    [JsonPropertyName("strategy")] public string? Strategy { get; init; }
    [JsonPropertyName("engine_seed")] public uint? EngineSeed { get; init; }
    [JsonPropertyName("iteration")] public int? Iteration { get; init; }
    [JsonPropertyName("failure")] public string? Failure { get; init; }
    [JsonPropertyName("trace_hash")] public string? TraceHash { get; init; }
    [JsonPropertyName("decisions")] public IReadOnlyList<string> Decisions { get; init; } = [];

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The hash a decision file pins: the spec file's text with line endings normalised.</summary>
    public static string HashOf(string specText) =>
        StableHash.Of(specText.Replace("\r\n", "\n", StringComparison.Ordinal)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    public void Write(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, Json));

    public IReadOnlyList<Decision> ParsedDecisions() => Decisions.Select(Decision.Parse).ToList();

    /// <summary>Reads a decision file and refuses one that belongs to another spec or DetSim version.</summary>
    public static DecisionFile Read(string path, string specText, string detsimVersion)
    {
        DecisionFile f;
        try
        {
            f = JsonSerializer.Deserialize<DecisionFile>(File.ReadAllText(path), Json) ?? throw new FormatException("empty");
        }
        catch (JsonException e)
        {
            throw new FormatException($"{path}: not a DetSim decision file ({e.Message})");
        }
        if (f.Format != CurrentFormat) throw new FormatException($"{path}: format '{f.Format}', this DetSim reads '{CurrentFormat}'");
        if (f.DetSimVersion != detsimVersion)
            throw new FormatException($"{path}: recorded by DetSim {f.DetSimVersion}, this is DetSim {detsimVersion}; a decision file replays only on the version that wrote it (re-run explore to record it again)");
        string hash = HashOf(specText);
        if (f.SpecHash != hash)
            throw new FormatException($"{path}: recorded for spec {f.Spec} with hash {f.SpecHash}, but this spec's hash is {hash}: another spec, or the spec was edited since");
        if (f.Mode is not ("coyote" or "seed")) throw new FormatException($"{path}: unknown mode '{f.Mode}' (coyote, seed)");
        return f;
    }
}
