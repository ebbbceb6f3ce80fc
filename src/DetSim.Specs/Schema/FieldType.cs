namespace DetSim.Specs.Schema;

public enum FieldType : byte
{
    String,
    Integer,
    Number,
    Bool,
    /// <summary>A duration with a unit: 250us, 15ms, 2s, 1m; a bare integer means milliseconds.</summary>
    Duration,
    /// <summary>A byte size: 4096, 64K, 1M, 1G.</summary>
    Size,
    /// <summary>A 64-bit seed: decimal or 0x-hex.</summary>
    Seed,
    Enum,
    /// <summary>A mapping with known keys.</summary>
    Map,
    /// <summary>A server name, or a mapping with known keys (<c>crash: s1</c> or <c>crash: { server: s1, mode: process }</c>).</summary>
    ServerOrMap,
    /// <summary>A mapping from names the user chooses to values of one shape.</summary>
    Dictionary,
    List,
}
