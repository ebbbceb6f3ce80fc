using DetSim.Core.Settings;

namespace DetSim.Core.Faults;

/// <summary>How a fault's action is written in a spec: <c>- at: 2s</c> and then <c>name: value</c>.</summary>
public enum FaultShape : byte
{
    /// <summary>A server name: <c>restart: s1</c>.</summary>
    Server,
    /// <summary>Free text the fault ignores: <c>heal: all</c>.</summary>
    Text,
    /// <summary>A mapping of <see cref="FaultKind.Fields"/>: <c>pause: { server: s1, for: 2s }</c>.</summary>
    Map,
    /// <summary>A server name, or a mapping of <see cref="FaultKind.Fields"/>: <c>crash: s1</c> or <c>crash: { server: s1, mode: process }</c>.</summary>
    ServerOrMap,
    /// <summary>Two server names: <c>partition: [s1, r1]</c>.</summary>
    ServerPair,
}

/// <summary>
/// One kind of fault, in one file with its record: its spec action name and fields (with their
/// defaults), how it is built from a spec, and, if the nemesis draws it, its weight and what a
/// draw plans. The spec schema, the mapper, the nemesis and the reference docs find kinds through
/// <see cref="CoreFaultKinds"/> and the model's own registry, in their listed order.
/// </summary>
public abstract class FaultKind
{
    /// <summary>The spec's action key (<c>crash</c>, <c>slow_link</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What it does, for the reference page.</summary>
    public abstract string Description { get; }

    public abstract FaultShape Shape { get; }

    /// <summary>The keys of its mapping (for <see cref="FaultShape.Map"/> and <see cref="FaultShape.ServerOrMap"/>).</summary>
    public virtual IReadOnlyList<Setting> Fields => [];

    /// <summary>Keys written beside <c>at</c> rather than inside the action (partition's <c>one_way</c>).</summary>
    public virtual IReadOnlyList<Setting> Siblings => [];

    /// <summary>The fault a spec asks for, or null after reporting an error through <paramref name="args"/>.</summary>
    public abstract Fault? Build(IFaultArgs args);

    /// <summary>The nemesis weight (<c>nemesis.kinds.NAME</c>), or null if the nemesis never draws this kind.</summary>
    public virtual Setting<int>? Weight => null;

    /// <summary>This kind's weight in <paramref name="options"/>: by default its entry in <see cref="NemesisOptions.Weights"/>, else its declared default.</summary>
    public virtual int WeightIn(NemesisOptions options) =>
        Weight is null ? 0 : options.Weights.TryGetValue(Name, out int weight) ? weight : Weight.Default;

    /// <summary>A copy of <paramref name="options"/> giving this kind <paramref name="weight"/> (kinds with a NemesisOptions property of their own override this).</summary>
    public virtual NemesisOptions WithWeight(NemesisOptions options, int weight) =>
        options with { Weights = new SortedDictionary<string, int>(options.Weights.ToDictionary(), StringComparer.Ordinal) { [Name] = weight } };

    /// <summary>What one draw of this kind plans.</summary>
    public virtual void Draw(NemesisDraw draw) => throw new InvalidOperationException($"the nemesis does not draw {Name}");

    public override string ToString() => Name;
}

/// <summary>The fields many faults share.</summary>
public static class FaultFields
{
    public static readonly Setting<string> Server = Declare.Server("server", "server");
}
