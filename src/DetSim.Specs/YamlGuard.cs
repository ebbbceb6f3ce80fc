using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace DetSim.Specs;

/// <summary>
/// Reads a spec's YAML as a stream of events, before any tree is built, and stops at what a spec
/// never needs and a hostile file uses: nesting deeper than <see cref="MaxDepth"/> (the tree
/// builder and the validator recurse), aliases that expand to more than <see cref="MaxNodes"/>
/// nodes (an alias bomb), a list or mapping (or an alias) used as a key, and a second document.
/// The event parser keeps its own stack, so no input can overflow ours here.
/// </summary>
internal static class YamlGuard
{
    public const int MaxDepth = 32;
    public const int MaxNodes = 100_000;

    private sealed class Open(Mark start, bool isMapping, string? anchor)
    {
        public Mark Start { get; } = start;
        public bool IsMapping { get; } = isMapping;
        public string? Anchor { get; } = anchor;
        public long Nodes { get; set; } = 1;
        public int Children { get; set; }

        /// <summary>In a mapping, even children are keys.</summary>
        public bool NextIsKey => IsMapping && Children % 2 == 0;
    }

    /// <summary>The first problem, or null when the events are fine (YAML syntax errors are left to the tree builder, which reports the same position).</summary>
    public static SpecError? Check(string text, string file)
    {
        var parser = new Parser(new StringReader(text));
        var open = new Stack<Open>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0; // values the tree holds once every alias is expanded
        int documents = 0;
        SpecError At(Mark m, string message) => new(file, (int)m.Line, (int)m.Column, "", message);
        string TooMany() => $"the YAML expands to more than {MaxNodes} values (anchors and aliases that repeat each other); a spec has a few hundred";
        void Child(long nodes)
        {
            if (!open.TryPeek(out Open? parent)) return;
            parent.Children++;
            parent.Nodes += nodes;
        }
        try
        {
            while (parser.MoveNext())
            {
                ParsingEvent e = parser.Current!;
                switch (e)
                {
                    case DocumentStart:
                        if (++documents > 1)
                            return At(e.Start, "a second YAML document ('---'): a spec file holds exactly one spec; move this one to a file of its own");
                        break;
                    case Scalar s:
                        if (!s.Anchor.IsEmpty) anchors[s.Anchor.Value] = 1;
                        Child(1);
                        if (++total > MaxNodes) return At(e.Start, TooMany());
                        break;
                    case AnchorAlias a:
                        if (open.TryPeek(out Open? keyOf) && keyOf.NextIsKey)
                            return At(e.Start, $"an alias (*{a.Value}) cannot be a key: keys are plain names such as `servers` or `s1`");
                        if (!anchors.TryGetValue(a.Value.Value, out long size))
                            return At(e.Start, $"alias *{a.Value} refers to no anchor &{a.Value} defined before it");
                        Child(size);
                        if ((total += size) > MaxNodes) return At(e.Start, TooMany());
                        break;
                    case NodeEvent n and (SequenceStart or MappingStart):
                        if (open.TryPeek(out Open? parent) && parent.NextIsKey)
                            return At(e.Start, "a list or mapping cannot be a key: keys are plain names such as `servers` or `s1`");
                        if (open.Count >= MaxDepth)
                            return At(e.Start, $"nested more than {MaxDepth} levels deep; a spec needs at most 7 (workload: clients: - transactions: - sql: [...])");
                        if (++total > MaxNodes) return At(e.Start, TooMany());
                        open.Push(new Open(e.Start, n is MappingStart, n.Anchor.IsEmpty ? null : n.Anchor.Value));
                        break;
                    case SequenceEnd or MappingEnd:
                        Open done = open.Pop();
                        if (done.Anchor is not null) anchors[done.Anchor] = done.Nodes;
                        Child(done.Nodes);
                        break;
                }
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            return null; // a syntax error: the tree builder reports it at the same place
        }
        return null;
    }
}
