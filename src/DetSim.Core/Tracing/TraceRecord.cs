using System.Globalization;
using DetSim.Core.Time;

namespace DetSim.Core.Tracing;

/// <summary>
/// One step of a run. The fixed fields and <see cref="Detail"/> go into the trace hash;
/// <see cref="Text"/> is a stable one-line form for people and golden files.
/// </summary>
public readonly record struct TraceRecord(
    long Step,
    SimTime Time,
    TraceKind Kind,
    string Node,
    string Peer,
    long Tag,
    string Detail)
{
    public string Text =>
        string.Create(CultureInfo.InvariantCulture,
            $"{Step,7} {Time,16} {KindText,-8} {Who}{(Detail.Length == 0 ? "" : " " + Detail)}");

    private string KindText => Kind.ToString().ToLowerInvariant();

    private string Who => Peer.Length == 0 ? Node : $"{Node} <- {Peer}";

    public override string ToString() => Text;
}
