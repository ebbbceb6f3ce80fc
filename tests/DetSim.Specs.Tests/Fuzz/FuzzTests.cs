using System.Diagnostics;
using Xunit.Abstractions;

namespace DetSim.Specs.Tests.Fuzz;

/// <summary>
/// Mutated copies of the bundled specs never crash the loader: each is a spec, or errors that all
/// carry file:line:col and our own words (no raw parser text). A spec that loads runs one seed
/// without a model error (a value the validator let through must not break the model).
/// Reproduce a failure with the mutation seed it prints: DETSIM_FUZZ_SEED=&lt;seed&gt; DETSIM_FUZZ_MUTANTS=1.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Bases = Directory.GetFiles(Path.Combine(CorpusTests.RepoRoot(), "specs"), "*.yaml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToArray();

    public sealed record Figures(int Mutants, int Loaded, int Rejected, int Crashes, int Hangs, int WithoutPosition, int RawParserText, int ModelErrors, List<string> Failures);

    /// <summary>A hang guard only: loading a spec takes milliseconds, so two minutes is far above any plausible load even on a busy machine.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    /// <summary>Runs <paramref name="mutants"/> mutants from <paramref name="firstSeed"/>; a load slower than <paramref name="hang"/> (a hang guard) counts as a hang.</summary>
    public static Figures Run(int firstSeed, int mutants, int runSeedsOf, TimeSpan hang)
    {
        int loaded = 0, rejected = 0, crashes = 0, hangs = 0, withoutPosition = 0, raw = 0, modelErrors = 0, ran = 0;
        var failures = new List<string>();
        for (int i = 0; i < mutants; i++)
        {
            int seed = firstSeed + i;
            string baseText = Bases[(int)((uint)seed % (uint)Bases.Length)];
            (string text, string ops) = SpecMutator.Mutate(baseText, seed);
            string Describe(string what) => $"mutation seed {seed} ({ops}): {what}\n--- mutant (first 600 chars) ---\n{text[..Math.Min(600, text.Length)]}";
            var clock = Stopwatch.StartNew();
            SpecParseResult r;
            try { r = SpecLoader.Parse(text, "mutant.yaml"); }
            catch (Exception e)
            {
                crashes++;
                failures.Add(Describe($"the loader threw {e.GetType().Name}: {e.Message}"));
                continue;
            }
            if (clock.Elapsed > hang) { hangs++; failures.Add(Describe($"took {clock.Elapsed.TotalSeconds:F1}s to load")); }
            if (!r.Ok)
            {
                rejected++;
                foreach (SpecError e in r.Errors)
                {
                    if (e.Line < 1 || e.Column < 1) { withoutPosition++; failures.Add(Describe($"an error without a position: {e}")); }
                    if (!YamlMessagesProbe.IsExplained(e.Message)) { raw++; failures.Add(Describe($"raw parser text: {e}")); }
                    if (e.Message.Contains("(allowed: )", StringComparison.Ordinal)) failures.Add(Describe($"an empty allowed list: {e}"));
                }
                continue;
            }
            loaded++;
            if (ran >= runSeedsOf) continue;
            ran++;
            // Bound the run: the point is that the model accepts what the validator accepted.
            Spec spec = r.Spec! with { Scenario = r.Spec!.Scenario with { StepBudget = Math.Min(r.Spec!.Scenario.StepBudget, 50_000) } };
            try
            {
                SeedOutcome o = SpecJudge.RunSeed(spec, spec.SeedStart);
                if (o.ModelError is { } bug) { modelErrors++; failures.Add(Describe($"loaded, then the run was a model error: {bug}")); }
            }
            catch (Exception e)
            {
                crashes++;
                failures.Add(Describe($"the run threw {e.GetType().Name}: {e.Message}"));
            }
        }
        return new Figures(mutants, loaded, rejected, crashes, hangs, withoutPosition, raw, modelErrors, failures);
    }

    private static int Env(string name, int fallback) => int.TryParse(Environment.GetEnvironmentVariable(name), out int v) ? v : fallback;

    private void Report(Figures f, int firstSeed)
    {
        output.WriteLine($"fuzz from seed {firstSeed}: {f.Mutants} mutants, {f.Loaded} loaded, {f.Rejected} rejected; crashes {f.Crashes}, hangs {f.Hangs}, errors without position {f.WithoutPosition}, raw parser text {f.RawParserText}, model errors {f.ModelErrors}");
        foreach (string failure in f.Failures.Take(5)) output.WriteLine(failure);
    }

    [Fact]
    public void Mutated_specs_load_or_fail_with_positioned_errors_in_our_own_words()
    {
        int first = Env("DETSIM_FUZZ_SEED", 1), count = Env("DETSIM_FUZZ_MUTANTS", 400);
        Figures f = Run(first, count, runSeedsOf: 10, hang: HangGuard);
        Report(f, first);
        Assert.True(f.Failures.Count == 0, $"{f.Failures.Count} failure(s); the first:\n{f.Failures.FirstOrDefault()}");
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Ten_thousand_mutants_figures()
    {
        int first = Env("DETSIM_FUZZ_SEED", 1_000_000), count = Env("DETSIM_FUZZ_MUTANTS", 10_000);
        Figures f = Run(first, count, runSeedsOf: 300, hang: HangGuard);
        Report(f, first);
        Assert.True(f.Crashes + f.WithoutPosition + f.RawParserText + f.ModelErrors == 0, $"{f.Failures.Count} failure(s); the first:\n{f.Failures.FirstOrDefault()}");
    }
}

/// <summary>Raw YamlDotNet text starts "While ..." or carries its own "(Line: ...)" position; ours does neither.</summary>
internal static class YamlMessagesProbe
{
    public static bool IsExplained(string message) =>
        !message.StartsWith("While ", StringComparison.Ordinal) && !message.Contains("(Line:", StringComparison.Ordinal) && !message.Contains("Exception", StringComparison.Ordinal);
}
