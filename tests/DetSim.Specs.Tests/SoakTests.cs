using DetSim.Specs.Soak;

namespace DetSim.Specs.Tests;

/// <summary>
/// The soak's two promises: inside MySQL's lossless configuration every drawn scenario holds (no
/// violation, no model error), and each unsafe flip finds the violation it allows within a bounded
/// number of seeds (bounds from `detsim soak --unsafe NAME`, with margin).
/// </summary>
public class SoakTests
{
    [Fact]
    public void Drawn_scenarios_are_valid_specs_and_the_same_seed_draws_the_same_scenario()
    {
        for (ulong seed = 1; seed <= 200; seed++)
        {
            string text = SoakDraw.Spec(seed);
            Assert.Equal(text, SoakDraw.Spec(seed));
            SpecParseResult parsed = SpecLoader.Parse(text, $"soak-{seed}.yaml");
            Assert.True(parsed.Ok, $"seed {seed}: {string.Join("; ", parsed.Errors)}\n{text}");
        }
        foreach (UnsafeFlip flip in UnsafeFlip.All)
        {
            SpecParseResult parsed = SpecLoader.Parse(SoakDraw.Spec(7, flip), "soak-7.yaml");
            Assert.True(parsed.Ok, $"{flip.Name}: {string.Join("; ", parsed.Errors)}");
        }
    }

    [Fact]
    public void The_lossless_configuration_holds_over_100_drawn_scenarios()
    {
        var problems = new List<string>();
        int clean = 0;
        for (ulong seed = 1; seed <= 100; seed++)
        {
            SoakRun run = SoakRun.Of(seed);
            if (run.ModelError) problems.Add($"seed {seed}: model error: {run.LoadError ?? run.Outcome!.ModelError}");
            else if (run.Violated) problems.Add($"seed {seed}: {run.Outcome!.Violations[0]}");
            else if (run.Clean) clean++;
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n(replay: detsim soak --print SEED > s.yaml; detsim run s.yaml --seed SEED)");
        Assert.True(clean >= 90, $"only {clean} of 100 scenarios decided every invariant");
    }

    [Theory]
    [InlineData("async", 20)]
    [InlineData("after_commit", 40)]
    [InlineData("semisync_timeout", 20)]
    [InlineData("sync_binlog_0", 20)]
    [InlineData("file_repositories", 20)]
    [InlineData("no_relay_drain", 20)]
    [InlineData("position_repoint", 20)]
    [InlineData("no_auto_increment_offsets", 20)]
    [InlineData("statement_format", 20)]
    [InlineData("no_log_replica_updates", 20)]
    [InlineData("no_commit_order", 20)]
    public void Each_unsafe_flip_finds_a_violation_within_a_bounded_number_of_seeds(string name, int bound)
    {
        UnsafeFlip flip = UnsafeFlip.Find(name)!;
        for (ulong seed = 1; seed <= (ulong)bound; seed++)
        {
            SoakRun run = SoakRun.Of(seed, flip);
            Assert.False(run.ModelError, $"seed {seed}: {run.LoadError ?? run.Outcome!.ModelError}");
            if (run.Violated) return;
        }
        Assert.Fail($"--unsafe {name} found no violation in {bound} seeds");
    }

    [Fact]
    public void Unknown_flip_names_are_not_found_and_the_list_names_every_flip()
    {
        Assert.Null(UnsafeFlip.Find("asynch"));
        foreach (UnsafeFlip f in UnsafeFlip.All) Assert.Contains(f.Name, UnsafeFlip.Names);
    }
}
