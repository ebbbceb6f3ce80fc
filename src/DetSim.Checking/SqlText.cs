namespace DetSim.Checking;

/// <summary>Just enough reading of a statement's text for the checkers: the table after FROM / INTO / UPDATE.</summary>
internal static class SqlText
{
    public static string? Table(string sql)
    {
        string[] words = sql.Split([' ', '\t', '\n', '(', ',', ';'], StringSplitOptions.RemoveEmptyEntries);
        for (int i = 0; i + 1 < words.Length; i++)
        {
            string w = words[i].ToUpperInvariant();
            if (w is "FROM" or "INTO" or "UPDATE") return words[i + 1].Trim('`');
        }
        return null;
    }
}
