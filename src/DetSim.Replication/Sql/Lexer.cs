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

    public static List<Token> Tokenize(string sql)
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
                tokens.Add(new Token(TokenKind.Word, sql[start..i], start));
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
            else
            {
                string two = i + 1 < sql.Length ? sql.Substring(i, 2) : "";
                if (TwoCharSymbols.Contains(two)) { tokens.Add(new Token(TokenKind.Symbol, two, start)); i += 2; }
                else if ("(),;*+-/%=<>@.?".Contains(c)) { tokens.Add(new Token(TokenKind.Symbol, c.ToString(), start)); i++; }
                else throw SqlError.Parse(sql[start..]);
            }
        }
        tokens.Add(new Token(TokenKind.End, "", sql.Length));
        return tokens;
    }

    public static bool TryInteger(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
