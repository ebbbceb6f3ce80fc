namespace DetSim.Core.Disk;

/// <summary>
/// One write to a <see cref="SimFile"/>: either raw bytes or a structured value that stands for
/// <see cref="Length"/> bytes (a binlog event the model keeps as an object but sizes like MySQL).
/// A torn chunk survived a crash only in part: its bytes are cut and its value is unreadable.
/// </summary>
/// <remarks>
/// Bytes and value share one field, told apart by a flag (no type test on the read path): a file
/// holds a chunk per binlog event, relay-log event and redo record, and 24 bytes a chunk instead of
/// 32 is a quarter less of what every run keeps.
/// </remarks>
public readonly record struct FileChunk
{
    private readonly object? _content;
    private readonly bool _raw;

    public FileChunk(long offset, int length, byte[]? bytes, object? value, bool torn)
    {
        Invariant.That(bytes is null || value is null, "a chunk holds bytes or a value, not both");
        Offset = offset;
        Length = length;
        _raw = bytes is not null;
        _content = _raw ? bytes : value;
        Torn = torn;
    }

    public long Offset { get; }
    public int Length { get; }
    public bool Torn { get; }

    /// <summary>The raw bytes written (cut, if torn); null for a structured value.</summary>
    public byte[]? Bytes => _raw ? (byte[])_content! : null;

    /// <summary>The structured value written; null for raw bytes.</summary>
    public object? Value => _raw ? null : _content;

    public long End => Offset + Length;
}
