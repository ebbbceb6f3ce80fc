using DetSim.Specs.Schema;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

/// <summary>Reads spec files: YAML syntax, then the schema, then meaning (servers that exist, a sane topology). All errors come back together.</summary>
public static class SpecLoader
{
    /// <summary>A spec is a few KB; anything above this is not one (and /dev/zero never ends).</summary>
    public const int MaxBytes = 1 << 20;

    public static SpecParseResult Load(string path)
    {
        if (!System.IO.File.Exists(path)) return new SpecParseResult(null, [new SpecError(path, 1, 1, "", "file not found")]);
        // Read at most MaxBytes + 1: a device or a huge file is refused without reading it all.
        var buffer = new byte[MaxBytes + 1];
        int read = 0;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            for (int n; read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0;) read += n;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SpecParseResult(null, [new SpecError(path, 1, 1, "", $"cannot read the file: {e.Message}")]);
        }
        if (read > MaxBytes) return new SpecParseResult(null, [TooLarge(path)]);
        return Parse(new System.Text.UTF8Encoding(false).GetString(buffer, 0, read), path);
    }

    private static SpecError TooLarge(string file) =>
        new(file, 1, 1, "", $"the file is larger than {MaxBytes / 1024} KiB; a spec is a few KB of YAML");

    public static SpecParseResult Parse(string text, string file)
    {
        if (text.Length > MaxBytes) return new SpecParseResult(null, [TooLarge(file)]);
        if (text.Length > 0 && text[0] == '\uFEFF') text = text[1..]; // a byte-order mark is not part of the YAML
        if (text.IndexOf('\0') is >= 0 and var nul)
        {
            (int nl, int nc) = Position(text, nul);
            return new SpecParseResult(null, [new SpecError(file, nl, nc, "", "a NUL byte: a spec is a text file of YAML")]);
        }
        var errors = new List<SpecError>();
        if (text.Contains('\t'))
        {
            string[] lines = text.Split('\n');
            for (int i = 0; i < lines.Length; i++)
                if (lines[i].TrimEnd('\r').Length > 0 && lines[i].TakeWhile(char.IsWhiteSpace).Contains('\t'))
                    errors.Add(new SpecError(file, i + 1, lines[i].IndexOf('\t') + 1, "", "tab used for indentation: YAML indents with spaces"));
            if (errors.Count > 0) return new SpecParseResult(null, errors);
        }
        if (YamlGuard.Check(text, file) is { } refused) return new SpecParseResult(null, [refused]);
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
        if (root is not YamlMappingNode)
            return new SpecParseResult(null, [new SpecError(file, (int)root.Start.Line, (int)root.Start.Column, "", $"a spec is a mapping of keys (allowed: {SpecSchema.Root.AllowedKeys}); this file holds a single {(root is YamlSequenceNode ? "list" : "value")}")]);
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

    private static (int Line, int Column) Position(string text, int index)
    {
        int line = 1, column = 1;
        for (int i = 0; i < index; i++)
            if (text[i] == '\n') { line++; column = 1; }
            else column++;
        return (line, column);
    }

    private static string YamlMessage(YamlException e)
    {
        string m = e.InnerException?.Message ?? e.Message;
        if (m.StartsWith("Duplicate key", StringComparison.Ordinal)) return $"duplicate key '{m["Duplicate key ".Length..]}': each key may appear once";
        // YamlDotNet prefixes its own position; ours is in front already.
        int close = m.IndexOf("): ", StringComparison.Ordinal);
        return YamlMessages.Explain(m.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? m[(close + 3)..] : m);
    }
}
