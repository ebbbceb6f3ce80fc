using DetSim.Core.Time;

namespace DetSim.Core;

/// <summary>Something a node reported to the harness, stamped with true simulated time.</summary>
public readonly record struct Observation(SimTime Time, int Node, object Value);
