using DetSim.Core.Disk;
using DetSim.Core.Nodes;
using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>
/// A node with named crash points: the places a model mirrors a MySQL debug build's
/// DBUG_EXECUTE_IF("crash_...", DBUG_SUICIDE()) sites, which mysql-test arms with
/// SET GLOBAL debug='+d,name'. Arming lasts for the node's incarnation, as the debug setting does.
/// </summary>
public interface ICrashPointHost
{
    /// <summary>Arms <see cref="ArmedCrashPoint.Point"/> on this incarnation.</summary>
    void ArmCrashPoint(ArmedCrashPoint armed);
}

/// <summary>
/// One armed crash point: the <see cref="Nth"/> arrival (a transaction, a packet, an event
/// reaching that place) crashes the node there, as a killed process (DBUG_SUICIDE is a kill).
/// </summary>
public sealed class ArmedCrashPoint
{
    private readonly Action _fire;

    internal ArmedCrashPoint(string node, string point, int nth, Action fire, bool stops = true)
    {
        Node = node;
        Point = point;
        Nth = nth;
        _fire = fire;
        Stops = stops;
    }

    /// <summary>The node dies at the point itself (DBUG_SUICIDE); false when the crash comes a while later and the node goes on until then.</summary>
    public bool Stops { get; }

    public string Node { get; }
    public string Point { get; }
    public int Nth { get; }

    /// <summary>Arrivals counted so far.</summary>
    public int Reached { get; private set; }

    public bool Fired { get; private set; }

    /// <summary>Counts one arrival; true when it is the N-th and the node dies here: the caller must stop its step.</summary>
    public bool Arrive()
    {
        if (Fired) return false;
        if (++Reached < Nth) return false;
        Fired = true;
        _fire();
        return Stops;
    }

    public override string ToString() => $"{Point} #{Nth} on {Node}";
}

/// <summary>Every crash point armed in a run, so its result can name the ones that never fired.</summary>
public sealed class CrashPointLedger
{
    private readonly List<ArmedCrashPoint> _armed = new();
    private readonly List<string> _notArmed = new();

    public IReadOnlyList<ArmedCrashPoint> Armed => _armed;

    /// <summary>What a run must report: points no arrival fired (reached fewer than N times), and points that could not be armed.</summary>
    public IReadOnlyList<string> NotFired
    {
        get
        {
            var result = new List<string>(_notArmed);
            foreach (ArmedCrashPoint a in _armed)
                if (!a.Fired) result.Add($"crash point {a} never fired: reached {a.Reached} time(s) before the incarnation ended or the run did");
            return result;
        }
    }

    internal void Add(ArmedCrashPoint armed) => _armed.Add(armed);

    internal void NotArmed(string reason) => _notArmed.Add(reason);

    /// <summary>The run's ledger, created on first use.</summary>
    public static CrashPointLedger Of(Simulation simulation)
    {
        if (Find(simulation) is { } ledger) return ledger;
        ledger = new CrashPointLedger();
        simulation.SetService(ledger);
        return ledger;
    }

    /// <summary>The run's ledger, or null when no crash point was ever armed.</summary>
    public static CrashPointLedger? Find(Simulation simulation) => simulation.FindService<CrashPointLedger>();
}
