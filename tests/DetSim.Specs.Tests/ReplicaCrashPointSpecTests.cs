using DetSim.Core.Faults;
using DetSim.Replication.Server;

namespace DetSim.Specs.Tests;

/// <summary>The dump thread's, receiver's and applier's crash points are named in a spec like the commit pipeline's.</summary>
public class ReplicaCrashPointSpecTests
{
    private const string Head = "name: c\nexpect: holds\ncheck: [converged]\nservers:\n  s1: {}\n  r1: { source: s1 }\n";

    public static TheoryData<string> ThreadAndDetSimPoints()
    {
        var data = new TheoryData<string>();
        foreach (CrashPointInfo p in CrashPointCatalog.ThreadPoints) data.Add(p.Name);
        data.Add(CrashPointCatalog.DumpAfterSend);
        data.Add(CrashPointCatalog.ReceiverAfterQueue);
        return data;
    }

    [Theory]
    [MemberData(nameof(ThreadAndDetSimPoints))]
    public void A_crash_at_fault_maps_to_a_replication_thread_point(string point)
    {
        SpecParseResult r = SpecLoader.Parse(Head + $"faults:\n  - {{ at: 10ms, crash_at: {{ server: r1, point: {point}, nth: 2, restart_after: 1s }} }}\n", "c.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var fault = Assert.IsType<CrashAtFault>(Assert.Single(r.Spec!.Scenario.Faults.Faults).Fault);
        Assert.Equal(("r1", point, 2), (fault.Node, fault.Point, fault.Nth));
    }

    [Fact]
    public void An_unknown_crash_point_lists_every_known_one_the_replication_threads_included()
    {
        SpecParseResult r = SpecLoader.Parse(Head + "faults:\n  - { at: 10ms, crash_at: { server: r1, point: crash_before_update } }\n", "c.yaml");
        Assert.False(r.Ok);
        string error = Assert.Single(r.Errors).ToString();
        Assert.StartsWith("c.yaml:8:", error);
        Assert.Contains("unknown crash point 'crash_before_update'", error);
        foreach (string known in CrashPointCatalog.Known) Assert.Contains(known, error);
        Assert.Contains(CrashPointCatalog.AfterCommitBeforeUpdatePos, error);
    }

    [Fact]
    public void The_nemesis_draws_replication_thread_points_only_when_crash_points_lists_them()
    {
        SpecParseResult listed = SpecLoader.Parse(Head + "nemesis:\n  between: [0ms, 10s]\n  mean_gap: 500ms\n  kinds: { crash: 0, partition: 0, crash_at: 1 }\n  crash_points: [crash_after_commit_before_update_pos, detsim_receiver_after_queue]\n", "c.yaml");
        Assert.True(listed.Ok, string.Join("\n", listed.Errors));
        FaultPlan plan = Nemesis.Draw(new DetSim.Core.Random.SimRandom(7), listed.Spec!.Scenario.Nemesis!);
        Assert.NotEmpty(plan.Faults);
        Assert.All(plan.Faults, p => Assert.Contains(Assert.IsType<CrashAtFault>(p.Fault).Point, new[] { CrashPointCatalog.AfterCommitBeforeUpdatePos, CrashPointCatalog.ReceiverAfterQueue }));

        SpecParseResult byDefault = SpecLoader.Parse(Head + "nemesis:\n  between: [0ms, 10s]\n  mean_gap: 500ms\n  kinds: { crash: 0, partition: 0, crash_at: 1 }\n", "c.yaml");
        Assert.True(byDefault.Ok, string.Join("\n", byDefault.Errors));
        Assert.Equal(CrashPointCatalog.Names, byDefault.Spec!.Scenario.Nemesis!.CrashPoints);
        Assert.DoesNotContain(CrashPointCatalog.AfterCommitBeforeUpdatePos, CrashPointCatalog.Names);
    }
}
