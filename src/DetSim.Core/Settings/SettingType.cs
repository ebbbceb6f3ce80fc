namespace DetSim.Core.Settings;

/// <summary>How a setting is written in a spec, and so how it is checked and documented.</summary>
public enum SettingType : byte
{
    Bool,
    Integer,
    /// <summary>A decimal number (a percentage, a share).</summary>
    Number,
    /// <summary>A duration with a unit: 250us, 15ms, 2s, 1m; a bare integer means milliseconds.</summary>
    Duration,
    /// <summary>A byte size: 4096, 64K, 1M, 1G.</summary>
    Size,
    /// <summary>One of <see cref="Setting.Values"/>, written as listed, in lower or in upper case.</summary>
    Enum,
    String,
    /// <summary>The name of a server (or node) the scenario defines; checked against them.</summary>
    Server,
}

/// <summary>Which server a default is MySQL's or MariaDB's.</summary>
public enum SettingFlavor : byte
{
    MySql80,
    MariaDb1011,
}
