using System.Globalization;
using System.Runtime.CompilerServices;
using DetSim.Replication.Sql;

namespace DetSim.Replication.Clients;

/// <summary>
/// A statement template split once at its placeholders (<c>?</c>, <c>{n}</c>, <c>{session}</c>),
/// filled in one pass per request: the same text as replacing each placeholder in turn, without
/// scanning the template six times and building a string per placeholder.
/// </summary>
internal sealed class FilledTemplate
{
    private readonly string _template;
    private readonly (string Literal, Placeholder? Then)[] _pieces;

    public FilledTemplate(string template)
    {
        _template = template;
        var pieces = new List<(string, Placeholder?)>();
        int start = 0;
        for (int i = 0; i < template.Length; i++)
        {
            if (Placeholders.At(template, i) is not { } found) continue;
            pieces.Add((template[start..i], found.Kind));
            start = i + found.Length;
            i = start - 1;
        }
        pieces.Add((template[start..], null));
        _pieces = [.. pieces];
    }

    public bool HasPlaceholders => _pieces.Length > 1;

    /// <summary>The text sent for <paramref name="values"/>; the template itself when it has no placeholder.</summary>
    public string Fill(TemplateValues values)
    {
        if (_pieces.Length == 1) return _template;
        var text = new DefaultInterpolatedStringHandler(_template.Length + 8 * _pieces.Length, _pieces.Length, CultureInfo.InvariantCulture);
        foreach ((string literal, Placeholder? then) in _pieces)
        {
            text.AppendLiteral(literal);
            if (then is { } p) text.AppendFormatted(values[p]);
        }
        return text.ToStringAndClear();
    }
}
