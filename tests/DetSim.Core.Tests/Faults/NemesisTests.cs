using DetSim.Core.Faults;
using DetSim.Core.Random;
using DetSim.Core.Time;
using FsCheck.Xunit;

namespace DetSim.Core.Tests.Faults;

public class NemesisTests
{
    private static readonly NemesisOptions Options = new()
    {
        Nodes = ["n1", "n2", "n3"], Start = SimTime.FromMillis(10), End = SimTime.FromSeconds(5), MeanGap = Duration.FromMillis(200),
        CrashWeight = 2, PartitionWeight = 1, PauseWeight = 1, ClockJumpWeight = 1, SlowLinkWeight = 1,
    };

    [Property(MaxTest = 100)]
    public bool The_same_stream_draws_the_same_plan(ulong seed) =>
        Nemesis.Draw(new SimRandom(seed), Options).ToString() == Nemesis.Draw(new SimRandom(seed), Options).ToString();

    [Property(MaxTest = 100)]
    public bool Every_crash_is_followed_by_a_restart_of_that_node(ulong seed)
    {
        var faults = Nemesis.Draw(new SimRandom(seed), Options).Faults;
        return faults.Select((p, i) => (p, i)).Where(x => x.p.Fault is CrashFault).All(x =>
            faults.Skip(x.i + 1).Any(q => q.Fault is RestartFault r && r.Node == ((CrashFault)x.p.Fault).Node && q.At >= x.p.At));
    }

    [Fact]
    public void Faults_are_recorded_in_the_trace_when_they_strike()
    {
        var sim = Sims.Gossip(3, nodes: 3, capture: true);
        FaultPlan plan = Nemesis.Draw(sim.Stream("nemesis"), Options);
        Assert.True(plan.Count > 5);
        plan.ApplyTo(sim);
        sim.Run(new DetSim.Core.Scheduling.RunLimits { TimeLimit = SimTime.FromSeconds(10) });
        var struck = sim.Trace.Records.Where(r => r.Kind == DetSim.Core.Tracing.TraceKind.Fault).Select(r => r.Detail).ToList();
        Assert.Equal(plan.Faults.Select(f => f.Fault.Describe()), struck.Where(d => !d.StartsWith("resume", StringComparison.Ordinal)));
    }
}
