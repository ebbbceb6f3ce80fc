using System.Globalization;
using DetSim.Replication.Storage;

namespace DetSim.Replication.Sql;

public enum TokenKind : byte
{
    Word,
    Number,
    String,
    Symbol,
    End,
}

public readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    public bool Is(string keyword) => Kind == TokenKind.Word && string.Equals(Text, keyword, StringComparison.OrdinalIgnoreCase);
    public bool IsSymbol(string symbol) => Kind == TokenKind.Symbol && Text == symbol;
}

/// <summary>Splits SQL text into words, numbers, quoted strings and symbols.</summary>
public static class Lexer
{
    private static readonly string[] TwoCharSymbols = ["<=", ">=", "<>", "!=", "@@"];
    private const string OneCharSymbols = "(),;*+-/%=<>@.?";
    private static readonly string[] OneCharSymbolText = [.. OneCharSymbols.Select(ch => ch.ToString())];
    // Words seen on this thread (keywords, table and column names), so a statement's words are not
    // allocated again each time a template is run. Bounded: cleared when full.
    [ThreadStatic] private static Dictionary<string, string>? t_words;

    /// <param name="template">Also reads a client template's <c>{n}</c> and <c>{session}</c> placeholders, as symbols (<c>?</c> is one already).</param>
    public static List<Token> Tokenize(string sql, bool template = false)
    {
        var tokens = new List<Token>(sql.Length / 3 + 4);
        int i = 0;
        while (i < sql.Length)
        {
            char c = sql[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            int start = i;
            if (char.IsLetter(c) || c == '_' || c == '`')
            {
                if (c == '`')
                {
                    int close = sql.IndexOf('`', i + 1);
                    if (close < 0) throw SqlError.Parse(sql[start..]);
                    tokens.Add(new Token(TokenKind.Word, sql[(i + 1)..close], start));
                    i = close + 1;
                    continue;
                }
                while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_' || sql[i] == '$')) i++;
                tokens.Add(new Token(TokenKind.Word, Word(sql.AsSpan(start, i - start)), start));
            }
            else if (char.IsDigit(c))
            {
                while (i < sql.Length && (char.IsDigit(sql[i]) || sql[i] == '.')) i++;
                tokens.Add(new Token(TokenKind.Number, sql[start..i], start));
            }
            else if (c is '\'' or '"')
            {
                var text = new System.Text.StringBuilder();
                i++;
                while (true)
                {
                    if (i >= sql.Length) throw SqlError.Parse(sql[start..]);
                    if (sql[i] == c && i + 1 < sql.Length && sql[i + 1] == c) { text.Append(c); i += 2; continue; }
                    if (sql[i] == c) { i++; break; }
                    if (sql[i] == '\\' && i + 1 < sql.Length) { text.Append(sql[i + 1]); i += 2; continue; }
                    text.Append(sql[i++]);
                }
                tokens.Add(new Token(TokenKind.String, text.ToString(), start));
            }
            else if (template && c == '{' && Placeholders.At(sql, i) is { } placeholder)
            {
                tokens.Add(new Token(TokenKind.Symbol, sql.Substring(i, placeholder.Length), start));
                i += placeholder.Length;
            }
            else
            {
                string? two = i + 1 < sql.Length ? TwoCharSymbol(c, sql[i + 1]) : null;
                int one = OneCharSymbols.IndexOf(c);
                if (two is not null) { tokens.Add(new Token(TokenKind.Symbol, two, start)); i += 2; }
                else if (one >= 0) { tokens.Add(new Token(TokenKind.Symbol, OneCharSymbolText[one], start)); i++; }
                else throw SqlError.Parse(sql[start..]);
            }
        }
        tokens.Add(new Token(TokenKind.End, "", sql.Length));
        return tokens;
    }

    private static string? TwoCharSymbol(char a, char b)
    {
        foreach (string s in TwoCharSymbols)
            if (s[0] == a && s[1] == b) return s;
        return null;
    }

    private static string Word(ReadOnlySpan<char> text)
    {
        Dictionary<string, string> words = t_words ??= new(StringComparer.Ordinal);
        var lookup = words.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(text, out string? known)) return known;
        if (words.Count >= 4096) words.Clear();
        string word = text.ToString();
        words[word] = word;
        return word;
    }

    public static bool TryInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
