namespace DetSim.Core.Disk;

/// <summary>
/// One write to a <see cref="SimFile"/>: either raw bytes or a structured value that stands for
/// <see cref="Length"/> bytes (a binlog event the model keeps as an object but sizes like MySQL).
/// A torn chunk survived a crash only in part: its bytes are cut and its value is unreadable.
/// </summary>
public readonly record struct FileChunk(long Offset, int Length, byte[]? Bytes, object? Value, bool Torn)
{
    public long End => Offset + Length;
}
