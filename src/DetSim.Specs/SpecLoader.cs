using DetSim.Specs.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

/// <summary>Reads spec files: YAML syntax, then the schema, then meaning (servers that exist, a sane topology). All errors come back together.</summary>
public static class SpecLoader
{
    public static SpecParseResult Load(string path)
    {
        if (!System.IO.File.Exists(path)) return new SpecParseResult(null, [new SpecError(path, 0, 0, "", "file not found")]);
        return Parse(System.IO.File.ReadAllText(path), path);
    }

    public static SpecParseResult Parse(string text, string file)
    {
        var errors = new List<SpecError>();
        if (text.Contains('\t'))
        {
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
                if (lines[i].TrimEnd('\r').Length > 0 && lines[i].TakeWhile(char.IsWhiteSpace).Contains('\t'))
                    errors.Add(new SpecError(file, i + 1, lines[i].IndexOf('\t') + 1, "", "tab used for indentation: YAML indents with spaces"));
            if (errors.Count > 0) return new SpecParseResult(null, errors);
        }
        YamlNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0) return new SpecParseResult(null, [new SpecError(file, 1, 1, "", "the file is empty; a spec needs at least name, expect and servers")]);
            root = stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            return new SpecParseResult(null, [new SpecError(file, (int)e.Start.Line, (int)e.Start.Column, "", YamlMessage(e))]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet gives up without a position on some unterminated flow collections.
            (int line, int column) = UnclosedBracket(text);
            return new SpecParseResult(null, [new SpecError(file, line, column, "", "malformed YAML: this [ or { is never closed")]);
        }
        new Validator(file, errors).Check(root, SpecSchema.Root, "");
        if (errors.Count > 0) return new SpecParseResult(null, errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
        Spec? spec = new SpecMapper(file, errors).Map((YamlMappingNode)root);
        return new SpecParseResult(errors.Count == 0 ? spec : null, errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList());
    }

    private static (int Line, int Column) UnclosedBracket(string text)
    {
        var open = new Stack<(int, int)>();
        int line = 1, col = 0;
        bool quoted = false;
        foreach (char c in text)
        {
            col++;
            if (c == '\n') { line++; col = 0; continue; }
            if (c == '"') quoted = !quoted;
            if (quoted) continue;
            if (c is '[' or '{') open.Push((line, col));
            else if (c is ']' or '}' && open.Count > 0) open.Pop();
        }
        return open.Count > 0 ? open.Last() : (1, 1);
    }

    private static string YamlMessage(YamlException e)
    {
        string m = e.InnerException?.Message ?? e.Message;
        if (m.StartsWith("Duplicate key", StringComparison.Ordinal)) return $"duplicate key '{m["Duplicate key ".Length..]}': each key may appear once";
        // YamlDotNet prefixes its own position; ours is in front already.
        int close = m.IndexOf("): ", StringComparison.Ordinal);
        return m.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? m[(close + 3)..] : m;
    }
}
