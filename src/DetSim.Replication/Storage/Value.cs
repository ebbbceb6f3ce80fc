using System.Globalization;

namespace DetSim.Replication.Storage;

/// <summary>
/// A column value: an integer (INT, BIGINT, DATETIME as microseconds since the epoch), a string
/// (VARCHAR) or NULL. A small struct so a row is a flat array.
/// </summary>
public readonly record struct Value
{
    private Value(long integer, string? text, bool isNull)
    {
        Integer = integer;
        Text = text;
        IsNull = isNull;
    }

    public long Integer { get; }
    public string? Text { get; }
    public bool IsNull { get; }
    public bool IsText => Text is not null;

    public static Value Null { get; } = new(0, null, true);
    public static Value Of(long integer) => new(integer, null, false);
    public static Value Of(string text) => new(0, text, false);

    public long AsInteger => IsNull ? 0 : Text is null ? Integer : long.TryParse(Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v) ? v : 0;

    public override string ToString() =>
        IsNull ? "NULL" : Text is not null ? $"'{Text}'" : Integer.ToString(CultureInfo.InvariantCulture);
}
