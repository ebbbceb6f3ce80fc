using DetSim.Core.Faults;
using DetSim.Core.Network;
using DetSim.Core.Settings;
using DetSim.Core.Time;

namespace DetSim.Core.Tests.Settings;

/// <summary>A declaration formats its default as a spec writes it, parses the checked spec value, and the kernel's records take their defaults from it.</summary>
public class SettingTests
{
    [Theory]
    [InlineData(0, "0ms")]
    [InlineData(250, "250us")]
    [InlineData(15_000, "15ms")]
    [InlineData(10_000_000, "10s")]
    [InlineData(924_600_000, "924600ms")]
    public void Durations_are_shown_in_the_largest_whole_unit(long micros, string text) =>
        Assert.Equal(text, Setting.DurationText(new Duration(micros)));

    [Theory]
    [InlineData(1L << 30, "1G")]
    [InlineData(64 * 1024, "64K")]
    [InlineData(4096, "4K")]
    [InlineData(4000, "4000")]
    public void Sizes_are_shown_with_a_unit_when_whole(long bytes, string text) => Assert.Equal(text, Setting.SizeText(bytes));

    private enum Mode : byte { A, B }

    [Fact]
    public void A_choice_parses_any_case_and_names_its_default()
    {
        Setting<Mode> s = Declare.Choice("mode", Mode.B, "a mode", ("ALPHA", Mode.A), ("BETA", Mode.B)).WithMariaDb(Mode.A);
        Assert.Equal("BETA", s.DefaultText);
        Assert.Equal("ALPHA", s.MariaDbDefaultText);
        Assert.Equal(Mode.A, s.Parse("alpha"));
        Assert.Equal(Mode.A, s.DefaultFor(SettingFlavor.MariaDb1011));
        Assert.Equal(Mode.B, s.DefaultFor(SettingFlavor.MySql80));
        Assert.Equal(["ALPHA", "BETA"], s.Values);
    }

    [Fact]
    public void Kernel_records_take_their_defaults_from_the_declarations()
    {
        foreach (Setting s in CoreOptionBindings.Simulation.Settings) Assert.Equal(s.DefaultText, CoreOptionBindings.Simulation.Text(new SimulationOptions(), s));
        foreach (Setting s in CoreOptionBindings.Tcp.Settings) Assert.Equal(s.DefaultText, CoreOptionBindings.Tcp.Text(TcpOptions.Default, s));
        foreach (Setting s in CoreOptionBindings.Latency.Settings) Assert.Equal(s.DefaultText, CoreOptionBindings.Latency.Text(Latency.Lan, s));
        foreach (Setting s in CoreOptionBindings.Nemesis.Settings) Assert.Equal(s.DefaultText, CoreOptionBindings.Nemesis.Text(new NemesisOptions(), s));
        Assert.Equal("924600ms", TcpSettings.GiveUpAfter.DefaultText); // tcp_retries2=15, ip-sysctl.rst
    }

    [Fact]
    public void With_sets_the_member_and_checks_the_declared_range()
    {
        NemesisOptions o = new NemesisOptions().With(NemesisSettings.MeanGap, Duration.FromSeconds(1)).With(CrashKind.NemesisWeight, 5);
        Assert.Equal((Duration.FromSeconds(1), 5), (o.MeanGap, o.CrashWeight));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => o.With(CrashKind.NemesisWeight, 1001));
        Assert.Contains("crash must be 0..1000, got 1001", e.Message);
    }
}
