using System.Text;

namespace DetSim.Specs.Tests.Fuzz;

/// <summary>
/// Mutates a valid spec the way hand edits and hostile files go wrong: lines lost, doubled, swapped
/// or re-indented; stray YAML punctuation; values replaced by edge cases (huge numbers and
/// durations, lists where scalars go, MySQL's old key names); deep nesting; alias bombs; a second
/// document; truncation; non-scalar keys. One seed gives one mutant, always the same.
/// </summary>
internal static class SpecMutator
{
    private static readonly string[] Values =
    [
        "", "~", "[]", "{}", "-1", "0", "99999999999999999999", "9223372036854775807", "9223372036854775807us", "9223372036854775807m", "1e9", "yes", "ON", "on", "off",
        "after_sync", "after_commit", "[a, b]", "{x: 1}", "&a x", "*a", "*nope", "!!str x", "!tag x", "'unclosed", "\"unclosed", "0x", "0xFFFFFFFFFFFFFFFFFF", "-5s", "1.5", ".nan",
        "SELECT FROM", "INSERT INTO nowhere VALUES (", "1d", "2s", "[1, 99999999999999999999]", "[5, 1]", "[-9223372036854775808, 9223372036854775807]", "Bad_Name", "s1", "s9",
        "| \n  block", "> \n", "@x", "`x`", "%x", "? x", "- item", "a: b: c", "\"\\x\"", "\"\\uZZZZ\"",
    ];

    private static readonly string[] Keys = ["enable", "master", "slave", "no_lost_acked_writes", "source_id", "Servers", "sever", "time_limits", "gtid", "x", "<<", "? [a]", "[k]", "{k: 1}"];
    private const string Punctuation = ":[]{}-,&*!|>'\"#%@`?\t\0\r";

    public static (string Text, string Operations) Mutate(string text, int seed)
    {
        var random = new Random(seed);
        var ops = new List<string>();
        int count = 1 + random.Next(3);
        for (int i = 0; i < count; i++)
        {
            (text, string op) = Once(text, random);
            ops.Add(op);
        }
        return (text, string.Join(", ", ops));
    }

    private static (string, string) Once(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        int at = random.Next(lines.Count);
        switch (random.Next(15))
        {
            case 0:
                lines.RemoveAt(at);
                return (Join(lines), $"delete line {at + 1}");
            case 1:
                lines.Insert(at, lines[at]);
                return (Join(lines), $"duplicate line {at + 1}");
            case 2 when lines.Count > 1:
                int b = Math.Min(at + 1, lines.Count - 1);
                (lines[at], lines[b]) = (lines[b], lines[at]);
                return (Join(lines), $"swap lines {at + 1} and {b + 1}");
            case 3:
                int by = 1 + random.Next(4);
                lines[at] = random.Next(2) == 0 ? new string(' ', by) + lines[at] : lines[at].TrimStart();
                return (Join(lines), $"re-indent line {at + 1}");
            case 4:
                int pos = random.Next(text.Length + 1);
                char c = Punctuation[random.Next(Punctuation.Length)];
                return (text.Insert(pos, c.ToString()), $"insert {(int)c:x2} at {pos}");
            case 5 or 6 or 7:
                return ReplaceValue(lines, random);
            case 8:
                return ReplaceKey(lines, random);
            case 9:
                int depth = random.Next(4) switch { 0 => 40, 1 => 1000, 2 => 20_000, _ => 100_000 };
                string nest = random.Next(2) == 0 ? new string('[', depth) + new string(']', depth) : string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth);
                lines.Insert(at, $"deep: {nest}");
                return (Join(lines), $"nest {depth} deep at line {at + 1}");
            case 10:
                var bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
                for (int i = 1; i < 10; i++) bomb.Append($"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]\n");
                bomb.Append(random.Next(2) == 0 ? "? *a9\n: 1\n" : "servers: *a9\n");
                return (bomb + text, "alias bomb");
            case 11:
                return (text + "\n---\n" + text, "second document");
            case 12:
                int cut = random.Next(text.Length + 1);
                return (text[..cut], $"truncate at {cut}");
            case 13:
                lines.Insert(at, random.Next(2) == 0 ? "? [a, b]\n: 1" : "{k: v}: 1");
                return (Join(lines), $"non-scalar key at line {at + 1}");
            default:
                char[] chars = text.ToCharArray();
                if (chars.Length == 0) return (text, "flip nothing");
                int flip = random.Next(chars.Length);
                chars[flip] = (char)(32 + random.Next(95));
                return (new string(chars), $"flip char {flip}");
        }
    }

    private static (string, string) ReplaceValue(List<string> lines, Random random)
    {
        var candidates = Enumerable.Range(0, lines.Count).Where(i => lines[i].Contains(": ", StringComparison.Ordinal)).ToList();
        if (candidates.Count == 0) return (Join(lines), "no value to replace");
        int i = candidates[random.Next(candidates.Count)];
        int colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
        string value = Values[random.Next(Values.Length)];
        lines[i] = lines[i][..(colon + 2)] + value;
        return (Join(lines), $"line {i + 1} value -> {value}");
    }

    private static (string, string) ReplaceKey(List<string> lines, Random random)
    {
        var candidates = Enumerable.Range(0, lines.Count).Where(i => lines[i].Contains(':', StringComparison.Ordinal) && lines[i].TrimStart().Length > 0 && char.IsLetter(lines[i].TrimStart()[0])).ToList();
        if (candidates.Count == 0) return (Join(lines), "no key to replace");
        int i = candidates[random.Next(candidates.Count)];
        string line = lines[i];
        int indent = line.Length - line.TrimStart().Length, colon = line.IndexOf(':', StringComparison.Ordinal);
        string key = Keys[random.Next(Keys.Length)];
        lines[i] = line[..indent] + key + line[colon..];
        return (Join(lines), $"line {i + 1} key -> {key}");
    }

    private static string Join(List<string> lines) => string.Join('\n', lines);
}
