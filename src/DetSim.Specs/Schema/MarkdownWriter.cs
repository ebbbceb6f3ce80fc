using System.Text;

namespace DetSim.Specs.Schema;

/// <summary>The spec reference page, generated from <see cref="SpecSchema"/> so it never drifts from the validator.</summary>
public static class MarkdownWriter
{
    public static string Generate()
    {
        var sb = new StringBuilder();
        sb.Append("# Spec reference\n\n");
        sb.Append("Generated from the settings' declarations (`src/DetSim.Replication/Settings/`, `src/DetSim.Core/Settings/`),\n");
        sb.Append("the fault kinds' files (`src/DetSim.Core/Faults/`, `src/DetSim.Replication/Faults/`) and `src/DetSim.Specs/Schema/SpecSchema.cs` by\n");
        sb.Append("`dotnet run --project src/DetSim.Cli -- schema --markdown`; a test fails when this page is stale.\n");
        sb.Append("Editors complete and check specs with `specs/detsim-spec.schema.json`: start a spec with\n");
        sb.Append("`# yaml-language-server: $schema=./detsim-spec.schema.json`.\n\n");
        sb.Append("Durations take a unit (`250us`, `15ms`, `2s`, `1m`; a bare integer is milliseconds). Sizes take\n");
        sb.Append("`K`, `M` or `G`. Unknown keys are errors. Every error names the file, line, column, the key path and\n");
        sb.Append("what is allowed; all errors of a file are reported together.\n\n");
        Section(sb, SpecSchema.Root, "");
        return sb.ToString();
    }

    private static void Section(StringBuilder sb, Field map, string path)
    {
        sb.Append($"## `{(path.Length == 0 ? "(top level)" : path)}`\n\n{map.Description}\n\n");
        sb.Append("| key | type | default | description |\n|---|---|---|---|\n");
        var nested = new List<(Field, string)>();
        foreach (Field f in map.Children)
        {
            string type = f.TypeName.Replace("|", "\\|", StringComparison.Ordinal);
            string def = f.Default is not null ? $"`{f.Default}`" : f.DefaultNote ?? "";
            if (f.MariaDbDefault is not null) def += $" (MariaDB 10.11: `{f.MariaDbDefault}`)";
            string about = f.Description + (f.Citation is null ? "" : $" ({f.Citation})");
            sb.Append($"| `{f.Name}`{(f.Required ? " (required)" : "")} | {type} | {def} | {about.Replace("|", "\\|", StringComparison.Ordinal)} |\n");
            string child = path.Length == 0 ? f.Name : $"{path}.{f.Name}";
            if (f.Type is FieldType.Map or FieldType.ServerOrMap && f.Children.Count > 0) nested.Add((f, child));
            if (f.Type is FieldType.List or FieldType.Dictionary && f.Items is { Type: FieldType.Map, Children.Count: > 0 } item)
                nested.Add((item, f.Type == FieldType.List ? $"{child}[]" : $"{child}.<name>"));
        }
        sb.Append('\n');
        foreach ((Field f, string p) in nested) Section(sb, f, p);
    }
}
