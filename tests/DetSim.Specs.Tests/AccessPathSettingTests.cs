namespace DetSim.Specs.Tests;

/// <summary>access_path_varies: off by default (primary key order), set per server, rejected when not a boolean.</summary>
public class AccessPathSettingTests
{
    private const string Spec = """
        name: limit
        expect: holds
        check: [converged]
        defaults:
          binlog_format: STATEMENT
        servers:
          s1: {}
          r1: { source: s1, access_path_varies: true }
        """;

    [Fact]
    public void Access_path_varies_is_off_unless_a_server_sets_it()
    {
        SpecParseResult r = SpecLoader.Parse(Spec, "limit.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        Assert.False(r.Spec!.Scenario.Servers[0].Options.AccessPathVaries);
        Assert.True(r.Spec.Scenario.Servers[1].Options.AccessPathVaries);
    }

    [Fact]
    public void A_non_boolean_access_path_varies_is_an_error_naming_the_setting()
    {
        SpecParseResult r = SpecLoader.Parse(Spec.Replace("access_path_varies: true", "access_path_varies: sometimes", StringComparison.Ordinal), "limit.yaml");
        Assert.False(r.Ok);
        Assert.Contains(r.Errors, e => e.ToString().Contains("access_path_varies", StringComparison.Ordinal) && e.ToString().Contains("limit.yaml:", StringComparison.Ordinal));
    }
}
