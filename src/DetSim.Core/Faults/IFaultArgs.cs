using DetSim.Core.Settings;

namespace DetSim.Core.Faults;

/// <summary>
/// A fault's arguments as a spec gave them, already checked against the kind's declared fields
/// (types, ranges, allowed values); errors are reported at the spec's file, line and column.
/// </summary>
public interface IFaultArgs
{
    /// <summary>The server named by the action itself (shape Server, or ServerOrMap given a name) or by <paramref name="key"/> in its mapping; checked to exist. "" after an error.</summary>
    string Server(Setting<string>? key = null);

    /// <summary>The two servers of a <see cref="FaultShape.ServerPair"/>; null after an error.</summary>
    IReadOnlyList<string>? Servers();

    /// <summary>The value given for <paramref name="setting"/> (a field or a sibling), or its default.</summary>
    T Get<T>(Setting<T> setting);

    bool Has(Setting setting);

    /// <summary>The crash point names the model has.</summary>
    IReadOnlyList<string> CrashPoints { get; }

    /// <summary>Reports an error at <paramref name="setting"/>'s value (or at the action when null).</summary>
    void Error(Setting? setting, string message);
}
