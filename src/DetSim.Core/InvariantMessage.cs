using System.Runtime.CompilerServices;

namespace DetSim.Core;

/// <summary>
/// The reason an <see cref="Invariant.That(bool, ref InvariantMessage, string)"/> gives as an
/// interpolated string: formatted only when the invariant fails. Hot paths assert on every
/// commit, and building "GTID {g} is applied once on {server}" each time cost more than the commit.
/// </summary>
[InterpolatedStringHandler]
public ref struct InvariantMessage
{
    private DefaultInterpolatedStringHandler _text;
    private readonly bool _failed;

    public InvariantMessage(int literalLength, int formattedCount, bool condition, out bool shouldAppend)
    {
        _failed = !condition;
        shouldAppend = _failed;
        _text = _failed ? new DefaultInterpolatedStringHandler(literalLength, formattedCount) : default;
    }

    public void AppendLiteral(string value) => _text.AppendLiteral(value);

    public void AppendFormatted<T>(T value) => _text.AppendFormatted(value);

    public void AppendFormatted<T>(T value, string? format) => _text.AppendFormatted(value, format);

    public void AppendFormatted(string? value) => _text.AppendFormatted(value);

    /// <summary>The text, when the invariant failed.</summary>
    public string? Text() => _failed ? _text.ToStringAndClear() : null;
}
