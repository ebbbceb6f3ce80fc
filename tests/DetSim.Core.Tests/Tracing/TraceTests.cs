using DetSim.Core.Scheduling;
using DetSim.Core.Time;
using DetSim.Core.Tracing;

namespace DetSim.Core.Tests.Tracing;

public class TraceTests
{
    [Fact]
    public void The_text_form_is_stable()
    {
        var t = new Trace(capture: true, n => n == 0 ? "s1" : "r1");
        t.Add(SimTime.FromMillis(1), TraceKind.Deliver, 1, 0, 7, null, "binlog 5 events");
        t.Add(SimTime.FromSeconds(2), TraceKind.Crash, 0, -1, 1, "power-loss");
        Assert.Equal(
            "      0        0.001000s deliver  r1 <- s1 binlog 5 events\n" +
            "      1        2.000000s crash    s1 power-loss\n",
            t.ToText());
    }

    [Fact]
    public void Lazy_details_are_not_hashed_but_details_are()
    {
        var a = new Trace(false, _ => "x");
        var b = new Trace(true, _ => "x");
        a.Add(SimTime.Zero, TraceKind.Deliver, 0, 0, 1, null, "text only shown when capturing");
        b.Add(SimTime.Zero, TraceKind.Deliver, 0, 0, 1, null, "something else");
        Assert.Equal(a.CurrentHash(), b.CurrentHash());
        var c = new Trace(false, _ => "x");
        c.Add(SimTime.Zero, TraceKind.Note, 0, 0, 1, "committed gtid 1");
        var d = new Trace(false, _ => "x");
        d.Add(SimTime.Zero, TraceKind.Note, 0, 0, 1, "committed gtid 2");
        Assert.NotEqual(c.CurrentHash(), d.CurrentHash());
    }

    [Fact]
    public void A_golden_run_keeps_its_hash()
    {
        // Guards determinism across changes: the same seed and binary give this hash everywhere.
        // (Changed when each record began to carry its payload digest.)
        RunResult r = Sims.Gossip(2024).Run(new RunLimits { TimeLimit = SimTime.FromMillis(200) });
        Assert.Equal(RunOutcome.TimeLimit, r.Outcome);
        Assert.Equal(GoldenHash, r.TraceHashText);
    }

    private const string GoldenHash = "b6aefe2751707502";
}
