using DetSim.Core.Random;
using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>One nemesis draw: the kind's own draws come after the time, kind, node and outage length, in that order.</summary>
public sealed record NemesisDraw(IChoiceSource Random, NemesisOptions Options, SimTime At, string Node, Duration Down, FaultPlan Plan);
