using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

/// <summary>What shrinking did: the minimal spec text and how much smaller it is.</summary>
public sealed record ShrinkResult(string MinimalSpec, int Steps, string Before, string After, string Invariant);

/// <summary>
/// Delta debugging on the spec document: drop faults, clients, transactions, links and servers,
/// halve session counts and durations, and keep each change only if the same seed still breaks the
/// same invariant. The result is a valid spec that `detsim run` accepts.
/// </summary>
public static class SpecShrinker
{
    public static ShrinkResult Shrink(string specText, string file, ulong seed, string? invariant = null, int maxRuns = 400)
    {
        SpecParseResult first = SpecLoader.Parse(specText, file);
        if (!first.Ok) throw new ArgumentException(string.Join("\n", first.Errors));
        SeedOutcome original = SpecJudge.RunSeed(first.Spec!, seed);
        string target = invariant ?? first.Spec!.ExpectInvariant ?? original.Violations.FirstOrDefault()?.Invariant
            ?? throw new ArgumentException($"seed {seed} breaks nothing in {file}: there is no failure to shrink");
        if (!original.Violations.Any(v => v.Invariant == target)) throw new ArgumentException($"seed {seed} does not break {target} in {file}");

        string current = specText;
        int runs = 0, steps = 0;
        bool progress = true;
        while (progress && runs < maxRuns)
        {
            progress = false;
            foreach (Func<YamlMappingNode, bool> edit in Candidates(Load(current)))
            {
                if (runs >= maxRuns) break;
                YamlMappingNode doc = Load(current);
                // Re-find the edit on a fresh copy: candidates are indexed, not bound to nodes.
                if (!edit(doc)) continue;
                string text = Save(doc);
                SpecParseResult parsed = SpecLoader.Parse(text, file);
                if (!parsed.Ok) continue;
                runs++;
                SeedOutcome o = SpecJudge.RunSeed(parsed.Spec!, seed);
                if (!o.Violations.Any(v => v.Invariant == target)) continue;
                current = text;
                steps++;
                progress = true;
                break;
            }
        }
        return new ShrinkResult(current, steps, Size(specText), Size(current), target);
    }

    private static IEnumerable<Func<YamlMappingNode, bool>> Candidates(YamlMappingNode doc)
    {
        foreach (string list in new[] { "faults" })
            for (int i = Seq(doc, list)?.Children.Count ?? 0; i-- > 0;)
            {
                int k = i;
                yield return d => RemoveAt(Seq(d, list), k);
            }
        YamlSequenceNode? clients = Seq(Map(doc, "workload"), "clients");
        for (int c = clients?.Children.Count ?? 0; c-- > 0;)
        {
            int ci = c;
            yield return d => RemoveAt(Seq(Map(d, "workload"), "clients"), ci);
            yield return d => Halve(Client(d, ci), "count", 1);
            yield return d => HalveDuration(Client(d, ci), "duration");
            int tx = Seq(Client(doc, ci), "transactions")?.Children.Count ?? 0;
            for (int t = tx; t-- > 0;)
            {
                int ti = t;
                yield return d => Seq(Client(d, ci), "transactions") is { Children.Count: > 1 } s && RemoveAt(s, ti);
            }
        }
        for (int l = Seq(Map(doc, "network"), "links")?.Children.Count ?? 0; l-- > 0;)
        {
            int li = l;
            yield return d => RemoveAt(Seq(Map(d, "network"), "links"), li);
        }
        if (Map(doc, "servers") is { } servers)
            foreach (string name in servers.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value!).Reverse().ToList())
                yield return d => Map(d, "servers") is { Children.Count: > 1 } s && s.Children.Remove(new YamlScalarNode(name));
    }

    private static YamlMappingNode? Client(YamlMappingNode d, int i) =>
        Seq(Map(d, "workload"), "clients") is { } s && i < s.Children.Count ? s.Children[i] as YamlMappingNode : null;

    private static bool RemoveAt(YamlSequenceNode? seq, int i)
    {
        if (seq is null || i >= seq.Children.Count) return false;
        seq.Children.RemoveAt(i);
        return true;
    }

    private static bool Halve(YamlMappingNode? m, string key, long min)
    {
        if (m is null) return false;
        long value = m.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) && Scalars.TryInteger(((YamlScalarNode)v).Value!, out decimal d) ? (long)d : 1;
        if (value <= min) return false;
        m.Children[new YamlScalarNode(key)] = new YamlScalarNode(Math.Max(min, value / 2).ToString(System.Globalization.CultureInfo.InvariantCulture));
        return true;
    }

    private static bool HalveDuration(YamlMappingNode? m, string key)
    {
        if (m is null || !m.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) || !Scalars.TryDuration(((YamlScalarNode)v).Value!, false, out var dur) || dur.Micros < 20_000) return false;
        m.Children[new YamlScalarNode(key)] = new YamlScalarNode($"{dur.Micros / 2}us");
        return true;
    }

    private static YamlMappingNode? Map(YamlMappingNode? m, string key) =>
        m is not null && m.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) ? v as YamlMappingNode : null;

    private static YamlSequenceNode? Seq(YamlMappingNode? m, string key) =>
        m is not null && m.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? v) ? v as YamlSequenceNode : null;

    private static YamlMappingNode Load(string text)
    {
        var s = new YamlStream();
        s.Load(new StringReader(text));
        return (YamlMappingNode)s.Documents[0].RootNode;
    }

    private static string Save(YamlMappingNode doc)
    {
        var s = new YamlStream(new YamlDocument(doc));
        var w = new StringWriter();
        s.Save(w, assignAnchors: false);
        string text = w.ToString();
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }

    private static string Size(string text)
    {
        YamlMappingNode d = Load(text);
        int servers = Map(d, "servers")?.Children.Count ?? 0;
        int faults = Seq(d, "faults")?.Children.Count ?? 0;
        var clients = Seq(Map(d, "workload"), "clients")?.Children.OfType<YamlMappingNode>().ToList() ?? [];
        int sessions = clients.Sum(c => c.Children.TryGetValue(new YamlScalarNode("count"), out YamlNode? v) && int.TryParse(((YamlScalarNode)v).Value, out int n) ? n : 1);
        int tx = clients.Sum(c => Seq(c, "transactions")?.Children.Count ?? 0);
        return $"{servers} servers, {clients.Count} clients / {sessions} sessions, {tx} transaction kinds, {faults} faults";
    }
}
