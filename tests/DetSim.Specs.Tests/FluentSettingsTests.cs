using DetSim.Core.Settings;
using DetSim.Core.Time;
using DetSim.Replication.Server;
using DetSim.Replication.Settings;

namespace DetSim.Specs.Tests;

/// <summary>Code sets options through the same declarations a spec does, and gets the same record.</summary>
public class FluentSettingsTests
{
    [Fact]
    public void Options_built_in_code_equal_the_ones_a_spec_gives()
    {
        ServerOptions code = new ServerOptions()
            .With(ServerSettings.GtidMode, true)
            .With(ServerSettings.SyncBinlog, 0L)
            .With(ServerSettings.BinlogFormat, BinlogFormat.Mixed)
            .With(SemiSyncSettings.Enabled, true)
            .With(SemiSyncSettings.Timeout, Duration.FromMillis(500))
            with { ServerId = 1 };
        Spec spec = SpecLoader.Parse("name: f\nexpect: holds\ncheck: [converged]\ndefaults: { gtid_mode: ON, sync_binlog: 0, binlog_format: MIXED, semi_sync: { enabled: true, timeout: 500ms } }\nservers: { s1: {} }\n", "f.yaml").Spec!;
        Assert.Equal(spec.Scenario.Servers[0].Options, code);
    }

    [Fact]
    public void A_value_outside_the_declared_range_is_refused_naming_the_setting()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ServerOptions().With(ServerSettings.AutoIncrementIncrement, 70_000));
        Assert.Contains("auto_increment_increment must be 1..65535, got 70000", e.Message);
    }

    [Fact]
    public void A_setting_of_another_record_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new ServerOptions().With(NetworkSettings.LatencyMin, Duration.Zero));
        Assert.Contains("min is not a setting of ServerOptions", e.Message);
    }
}
