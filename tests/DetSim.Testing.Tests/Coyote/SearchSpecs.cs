using DetSim.Core.Random;
using DetSim.Specs;
using DetSim.Testing.Coyote;

namespace DetSim.Testing.Tests.Coyote;

/// <summary>Loads bundled specs and turns one into a Coyote run function (the CLI's explore does the same).</summary>
internal static class SearchSpecs
{
    public static string Repo { get; } = FindRepo();

    public static Spec Load(string relative)
    {
        SpecParseResult r = SpecLoader.Load(Path.Combine(Repo, relative));
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        return r.Spec!;
    }

    /// <summary>The spec's expected invariant broken in a run that finished, or a model error; and the trace hash.</summary>
    public static Func<IChoiceSource, RunVerdict> RunOf(Spec spec, string? invariant = null) => choices =>
    {
        ulong seed = choices is CoyoteChoiceSource c ? c.DataSeed : choices is PickingChoiceSource p ? p.DataSeed : spec.SeedStart;
        SeedOutcome o = SpecJudge.RunSeed(spec, seed, choices: choices);
        if (o.ModelError is not null) return new RunVerdict("model error: " + o.ModelError, o.TraceHash);
        if (o.Kind != SeedKind.Finished) return new RunVerdict(null, o.TraceHash);
        string? name = invariant ?? spec.ExpectInvariant;
        return new RunVerdict(o.Violations.FirstOrDefault(v => name is null || v.Invariant == name)?.ToString(), o.TraceHash);
    };

    private static string FindRepo()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "DetSim.sln"))) dir = Path.GetDirectoryName(dir);
        return dir!;
    }
}
