using DetSim.Core.Faults;
using DetSim.Replication.Server;

namespace DetSim.Specs.Tests;

/// <summary>`crash_at` faults and the nemesis's crash_at kind name MySQL's crash points; a wrong name says where and lists the right ones.</summary>
public class CrashPointSpecTests
{
    private const string Head = "name: c\nexpect: holds\ncheck: [converged]\nservers:\n  s1: {}\n";

    [Fact]
    public void A_crash_at_fault_maps_to_the_named_point()
    {
        SpecParseResult r = SpecLoader.Parse(Head + "faults:\n  - { at: 10ms, crash_at: { server: s1, point: crash_after_flush_binlog, nth: 4, restart_after: 1s } }\n", "c.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var fault = Assert.IsType<CrashAtFault>(Assert.Single(r.Spec!.Scenario.Faults.Faults).Fault);
        Assert.Equal(("s1", CrashPointCatalog.AfterFlushBinlog, 4), (fault.Node, fault.Point, fault.Nth));
        Assert.Equal(1_000_000, fault.RestartAfter!.Value.Micros);
    }

    [Fact]
    public void A_timed_crash_names_detsims_point_its_mode_and_delay_and_defaults_to_a_kill_at_the_point()
    {
        SpecParseResult r = SpecLoader.Parse(Head + "faults:\n  - { at: 0ms, crash_at: { server: s1, point: detsim_after_commit_ok, nth: 1000, mode: power_loss, after: 40us } }\n", "c.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var timed = Assert.IsType<CrashAtFault>(Assert.Single(r.Spec!.Scenario.Faults.Faults).Fault);
        Assert.Equal((CrashPointCatalog.AfterCommitOk, DetSim.Core.Disk.CrashMode.DropUnsynced, 40L), (timed.Point, timed.Mode, timed.After.Micros));
        Assert.Equal("crash-at s1 detsim_after_commit_ok #1000 power_loss after 40us", timed.Describe());

        var plain = (CrashAtFault)SpecLoader.Parse(Head + "faults:\n  - { at: 0ms, crash_at: { server: s1, point: crash_commit_after } }\n", "c.yaml").Spec!.Scenario.Faults.Faults[0].Fault;
        Assert.Equal((DetSim.Core.Disk.CrashMode.ProcessCrash, 0L), (plain.Mode, plain.After.Micros));
        Assert.Equal("crash-at s1 crash_commit_after #1", plain.Describe()); // as before the timed crash existed: trace hashes unchanged
    }

    [Fact]
    public void An_unknown_crash_point_is_an_error_at_its_line_and_column_listing_the_known_ones()
    {
        SpecParseResult r = SpecLoader.Parse(Head + "faults:\n  - { at: 10ms, crash_at: { server: s1, point: crash_after_flush } }\n", "c.yaml");
        Assert.False(r.Ok);
        string error = Assert.Single(r.Errors).ToString();
        Assert.StartsWith("c.yaml:7:", error);
        Assert.Contains("unknown crash point 'crash_after_flush'", error);
        foreach (string known in CrashPointCatalog.Names) Assert.Contains(known, error);
    }

    [Fact]
    public void The_nemesis_draws_crash_points_from_the_seed()
    {
        SpecParseResult r = SpecLoader.Parse(Head + "nemesis:\n  between: [0ms, 10s]\n  mean_gap: 500ms\n  kinds: { crash: 0, partition: 0, crash_at: 1 }\n  crash_points: [crash_commit_after_log]\n", "c.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        FaultPlan plan = Nemesis.Draw(new DetSim.Core.Random.SimRandom(7), r.Spec!.Scenario.Nemesis!);
        Assert.NotEmpty(plan.Faults);
        Assert.All(plan.Faults, p => Assert.Equal(CrashPointCatalog.CommitAfterLog, Assert.IsType<CrashAtFault>(p.Fault).Point));
    }

    [Fact]
    public void The_nemesis_draws_a_power_loss_a_delay_after_its_crash_point_when_asked_and_a_kill_at_it_by_default()
    {
        const string Nemesis0 = "nemesis:\n  between: [0ms, 10s]\n  mean_gap: 200ms\n  kinds: { crash: 0, partition: 0, crash_at: 1 }\n  crash_points: [detsim_after_commit_ok]\n";
        SpecParseResult timed = SpecLoader.Parse(Head + Nemesis0 + "  crash_at_mode: power_loss\n  crash_at_after_max: 100us\n", "c.yaml");
        Assert.True(timed.Ok, string.Join("\n", timed.Errors));
        var drawn = Nemesis.Draw(new DetSim.Core.Random.SimRandom(7), timed.Spec!.Scenario.Nemesis!).Faults.Select(p => Assert.IsType<CrashAtFault>(p.Fault)).ToList();
        Assert.True(drawn.Count > 10, $"{drawn.Count} faults drawn");
        Assert.All(drawn, f => Assert.Equal(DetSim.Core.Disk.CrashMode.DropUnsynced, f.Mode));
        Assert.All(drawn, f => Assert.InRange(f.After.Micros, 0, 100));
        Assert.True(drawn.Select(f => f.After).Distinct().Count() > 1, "the delay is drawn, not fixed");

        SpecParseResult plain = SpecLoader.Parse(Head + Nemesis0, "c.yaml");
        Assert.All(Nemesis.Draw(new DetSim.Core.Random.SimRandom(7), plain.Spec!.Scenario.Nemesis!).Faults,
            p => Assert.Equal((DetSim.Core.Disk.CrashMode.ProcessCrash, 0L), (((CrashAtFault)p.Fault).Mode, ((CrashAtFault)p.Fault).After.Micros)));
    }

    [Fact]
    public void An_unknown_crash_at_mode_is_an_error_at_its_line_and_column_listing_the_modes()
    {
        SpecParseResult r = SpecLoader.Parse(Head + "nemesis:\n  kinds: { crash_at: 1 }\n  crash_at_mode: sigkill\n", "c.yaml");
        Assert.False(r.Ok);
        string error = Assert.Single(r.Errors).ToString();
        Assert.StartsWith("c.yaml:8:", error);
        foreach (string mode in new[] { "process", "power_loss", "torn_write" }) Assert.Contains(mode, error);
    }
}
