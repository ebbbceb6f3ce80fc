using DetSim.Specs;

namespace DetSim.Cli;

/// <summary>Finds and loads spec files; a spec with errors stops the command with every error listed (exit 2).</summary>
internal static class SpecFiles
{
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

    public static IReadOnlyList<Spec> LoadAll(IEnumerable<string> paths)
    {
        var specs = new List<Spec>();
        var errors = new List<SpecError>();
        foreach (string file in Expand(paths))
        {
            SpecParseResult r = SpecLoader.Load(file);
            if (r.Ok) specs.Add(r.Spec!);
            else errors.AddRange(r.Errors);
        }
        if (errors.Count > 0) throw new BadInputException(string.Join("\n", errors) + $"\n{errors.Count} error(s)");
        return specs;
    }

    public static Spec LoadOne(string path) => LoadAll([path]).Single();
}
