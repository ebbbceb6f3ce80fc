using DetSim.Specs;

namespace DetSim.Cli;

/// <summary>Finds and loads spec files. `check` runs the specs that load and reports the others; the one-spec commands stop on a spec with errors (exit 2).</summary>
internal static class SpecFiles
{
    /// <summary>One spec file: the spec, or every error it has (each file:line:col).</summary>
    public sealed record Loaded(string File, Spec? Spec, IReadOnlyList<SpecError> Errors);

    public static IReadOnlyList<string> Expand(IEnumerable<string> paths)
    {
        var files = new List<string>();
        foreach (string p in paths)
        {
            // A directory gives its own specs, not its subdirectories': `check specs` runs the bundled
            // specs, and specs/search (bugs for the search strategies, docs/coyote.md) runs on its own.
            if (Directory.Exists(p)) files.AddRange(Directory.GetFiles(p, "*.yaml", SearchOption.TopDirectoryOnly).Concat(Directory.GetFiles(p, "*.yml", SearchOption.TopDirectoryOnly)).Order(StringComparer.Ordinal));
            else if (File.Exists(p)) files.Add(p);
            else throw new BadInputException($"{p}: no such file or directory");
        }
        if (files.Count == 0) throw new BadInputException($"no spec files (*.yaml) in {string.Join(", ", paths)}");
        return files;
    }

    public static IReadOnlyList<Loaded> LoadEach(IEnumerable<string> paths) =>
        Expand(paths).Select(file => SpecLoader.Load(file) is var r && r.Ok ? new Loaded(file, r.Spec, []) : new Loaded(file, null, r.Errors)).ToList();

    public static IReadOnlyList<Spec> LoadAll(IEnumerable<string> paths)
    {
        var loaded = LoadEach(paths);
        var errors = loaded.SelectMany(l => l.Errors).ToList();
        if (errors.Count > 0) throw new BadInputException(Describe(errors));
        return loaded.Select(l => l.Spec!).ToList();
    }

    public static string Describe(IReadOnlyList<SpecError> errors) => string.Join("\n", errors) + $"\n{errors.Count} error(s)";

    public static Spec LoadOne(string path) => LoadAll([path]).Single();
}
