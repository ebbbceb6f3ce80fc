using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>One fault at one simulated time.</summary>
public sealed record PlannedFault(SimTime At, Fault Fault)
{
    public override string ToString() => $"at {At}: {Fault.Describe()}";
}

/// <summary>
/// Faults planned up front (drawn from the seed by <see cref="Nemesis"/>, or scripted), so a plan
/// can be printed, shrunk and replayed. Kept sorted by time; equal times keep insertion order.
/// </summary>
public sealed class FaultPlan
{
    private readonly List<PlannedFault> _faults = new();

    public IReadOnlyList<PlannedFault> Faults => _faults;

    public int Count => _faults.Count;

    public static FaultPlan Empty => new();

    public FaultPlan At(SimTime at, Fault fault)
    {
        if (at.Micros < 0) throw new ArgumentOutOfRangeException(nameof(at), $"a fault cannot strike before time zero, got {at}");
        int i = _faults.Count;
        while (i > 0 && _faults[i - 1].At > at) i--;
        _faults.Insert(i, new PlannedFault(at, fault));
        return this;
    }

    public FaultPlan Without(int index)
    {
        var plan = new FaultPlan();
        for (int i = 0; i < _faults.Count; i++)
            if (i != index) plan._faults.Add(_faults[i]);
        return plan;
    }

    /// <summary>Errors for every fault that names a node the simulation does not have.</summary>
    public IReadOnlyList<string> Validate(Simulation simulation)
    {
        var errors = new List<string>();
        foreach (PlannedFault p in _faults)
            foreach (string node in p.Fault.Nodes)
                if (simulation.IndexOf(node) < 0)
                    errors.Add($"fault '{p.Fault.Describe()}' at {p.At} names unknown node '{node}'");
        return errors;
    }

    /// <summary>Schedules every fault; throws with all errors if a node is unknown.</summary>
    public void ApplyTo(Simulation simulation)
    {
        IReadOnlyList<string> errors = Validate(simulation);
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        foreach (PlannedFault p in _faults) simulation.Schedule(p.At, p.Fault);
    }

    public override string ToString() => string.Join("\n", _faults);
}
