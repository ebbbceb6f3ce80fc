using DetSim.Core.Faults;
using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using FsCheck.Xunit;

namespace DetSim.Core.Tests;

public class SimulationTests
{
    private static readonly RunLimits OneSecond = new() { TimeLimit = SimTime.FromSeconds(1) };

    private static RunResult RunWithNemesis(ulong seed, out Simulation sim)
    {
        sim = Sims.Gossip(seed, stepHashes: true);
        Nemesis.Draw(sim.Stream("nemesis"), new NemesisOptions
        {
            Nodes = ["n1", "n2", "n3", "n4"], Start = SimTime.FromMillis(10), End = SimTime.FromMillis(900), MeanGap = Duration.FromMillis(100),
            CrashWeight = 2, PartitionWeight = 2, PauseWeight = 1, ClockJumpWeight = 1, SlowLinkWeight = 1, DownMin = Duration.FromMillis(5), DownMax = Duration.FromMillis(100),
        }).ApplyTo(sim);
        return sim.Run(OneSecond);
    }

    [Property(MaxTest = 60)]
    public bool The_same_seed_and_fault_plan_give_the_same_trace_hash(ulong seed)
    {
        RunResult a = RunWithNemesis(seed, out Simulation sa), b = RunWithNemesis(seed, out Simulation sb);
        return a.TraceHash == b.TraceHash && a.Steps == b.Steps && sa.Trace.StepHashes.SequenceEqual(sb.Trace.StepHashes);
    }

    [Property(MaxTest = 60)]
    public bool Different_seeds_give_different_traces(ulong seed)
    {
        RunResult a = RunWithNemesis(seed, out _), b = RunWithNemesis(seed + 1, out _);
        return a.TraceHash != b.TraceHash;
    }

    [Fact]
    public void Capturing_the_trace_does_not_change_its_hash()
    {
        RunResult plain = Sims.Gossip(5).Run(OneSecond);
        Simulation captured = Sims.Gossip(5, capture: true);
        RunResult withText = captured.Run(OneSecond);
        Assert.Equal(plain.TraceHash, withText.TraceHash);
        Assert.True(captured.Trace.Records.Count > 100);
    }

    [Fact]
    public void The_step_budget_stops_a_run_that_schedules_forever()
    {
        var sim = new Simulation(new SimulationOptions { Seed = 1 });
        sim.AddNode("spin", () => new SpinNode());
        RunResult r = sim.Run(new RunLimits { StepBudget = 10_000 });
        Assert.Equal(RunOutcome.Livelock, r.Outcome);
        Assert.Equal(10_000, r.Steps);
        Assert.Equal(SimTime.Zero, r.EndTime); // time never advanced: a livelock, not a slow run
    }

    [Fact]
    public void A_time_limit_ends_a_run_and_quiescence_ends_an_idle_one()
    {
        Assert.Equal(RunOutcome.TimeLimit, Sims.Gossip(1).Run(new RunLimits { TimeLimit = SimTime.FromMillis(50) }).Outcome);
        var idle = new Simulation(new SimulationOptions { Seed = 1 });
        idle.AddNode("r", () => new Recorder());
        Assert.Equal(RunOutcome.Quiescent, idle.Run().Outcome);
    }

    [Fact]
    public void Bad_limits_and_unknown_nodes_are_rejected_with_a_clear_message()
    {
        var sim = Sims.Gossip(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(new RunLimits { TimeLimit = new SimTime(-1) }));
        Assert.Throws<ArgumentOutOfRangeException>(() => sim.Run(new RunLimits { StepBudget = 0 }));
        var e = Assert.Throws<ArgumentException>(() => sim.Require("nope"));
        Assert.Contains("unknown node 'nope'; nodes are: n1, n2, n3, n4", e.Message);
        Assert.Throws<ArgumentException>(() => sim.AddNode("n1", () => new Recorder()));
        var plan = new FaultPlan().At(SimTime.FromMillis(1), new PartitionFault("n1", "ghost"));
        Assert.Contains("unknown node 'ghost'", Assert.Single(plan.Validate(sim)));
    }
}
