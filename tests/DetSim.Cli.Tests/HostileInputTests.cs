namespace DetSim.Cli.Tests;

/// <summary>
/// The inputs a fuzzer found crashing, hanging or misleading detsim (issue 18): each is now exit
/// code 2 with file:line:col and a message that says what is allowed, never a stack trace.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Head = "name: hostile\nexpect: holds\ncheck: [converged]\n";
    private readonly List<TempDir> _dirs = new();

    public void Dispose() => _dirs.ForEach(d => d.Dispose()); // xUnit: after each test

    private (Detsim.Result R, string File) Check(string yaml, params string[] extra)
    {
        var dir = new TempDir();
        _dirs.Add(dir);
        string file = dir.File("spec.yaml");
        File.WriteAllText(file, yaml);
        return (Detsim.Run(["check", file, "--seeds", "1", .. extra]), file);
    }

    private static void BadInput(Detsim.Result r)
    {
        Assert.True(r.Code == 2, $"exit {r.Code}\n{r.Out}\n{r.Err}");
        Assert.DoesNotContain("   at ", r.Err + r.Out);
        Assert.DoesNotContain("internal error", r.Err + r.Out);
        Assert.DoesNotContain("(allowed: )", r.Err + r.Out);
    }

    [Fact]
    public void Deeply_nested_yaml_is_refused_at_its_position_not_a_stack_overflow()
    {
        (Detsim.Result r, string file) = Check(Head + "servers: " + new string('[', 200_000) + new string(']', 200_000) + "\n");
        BadInput(r);
        Assert.Contains($"{file}:4:", r.Err);
        Assert.Contains("nested more than 32 levels deep", r.Err);
    }

    [Fact]
    public void An_alias_bomb_used_as_a_key_is_refused_at_once()
    {
        string bomb = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n" + string.Concat(Enumerable.Range(1, 9).Select(i => $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n"));
        (Detsim.Result key, string file) = Check(bomb + "? *a9\n: 1\n" + Head);
        BadInput(key);
        Assert.Contains($"{file}:5:", key.Err); // refused where the expansion passes the limit, before the key is built
        Assert.Contains("expands to more than 100000 values", key.Err);
        (Detsim.Result alias, string file1) = Check("k: &k x\n? *k\n: 1\n" + Head);
        BadInput(alias);
        Assert.Contains($"{file1}:2:3: error: an alias (*k) cannot be a key", alias.Err);
        (Detsim.Result value, string file2) = Check(Head + bomb + "servers: *a9\n");
        BadInput(value);
        Assert.Contains($"{file2}:", value.Err);
        Assert.Contains("expands to more than 100000 values", value.Err);
    }

    [Fact]
    public void A_list_as_a_server_name_is_an_error_not_an_invalid_cast()
    {
        (Detsim.Result r, string file) = Check(Head + "servers:\n  ? [a, b]\n  : {}\n");
        BadInput(r);
        Assert.Contains($"{file}:5:5: error: a list or mapping cannot be a key", r.Err);
    }

    [Fact]
    public void Numbers_and_durations_beyond_what_a_spec_can_mean_are_out_of_range()
    {
        (Detsim.Result range, string f1) = Check(Head + "servers: { s1: {} }\nworkload:\n  clients:\n    - name: c\n      transactions:\n        - { sql: [\"SELECT 1\"], key_range: [1, 99999999999999999999] }\n");
        BadInput(range);
        Assert.Contains($"{f1}:9:47: error: workload.clients[0].transactions[0].key_range[1]:", range.Err);
        (Detsim.Result duration, string f2) = Check(Head + "time_limit: 9223372036854775807us\nservers: { s1: {} }\n");
        BadInput(duration);
        Assert.Contains($"{f2}:4:13: error: time_limit: '9223372036854775807us' is longer than the longest duration a spec may give (86400s, one simulated day)", duration.Err);
    }

    [Fact]
    public void An_endless_file_is_refused_after_one_mebibyte()
    {
        Detsim.Result r = Detsim.Run("check", "/dev/zero");
        BadInput(r);
        Assert.Contains("/dev/zero:1:1: error: the file is larger than 1024 KiB", r.Err);
    }

    [Fact]
    public void Yaml_syntax_errors_say_what_is_expected_not_the_parser_internals()
    {
        (Detsim.Result r, string file) = Check("name: bad\n  expect: holds\nservers: {}\n");
        BadInput(r);
        Assert.Contains($"{file}:", r.Err);
        Assert.Contains("malformed YAML", r.Err);
        Assert.DoesNotContain("While parsing", r.Err);
        Assert.DoesNotContain("While scanning", r.Err);
    }

    [Fact]
    public void A_second_yaml_document_is_an_error()
    {
        (Detsim.Result r, string file) = Check(Head + "servers: { s1: {} }\n---\n" + Head + "servers: { s1: {} }\n");
        BadInput(r);
        Assert.Contains($"{file}:5:1: error: a second YAML document", r.Err);
    }

    [Fact]
    public void A_duplicate_server_id_points_at_the_id()
    {
        (Detsim.Result r, string file) = Check(Head + "servers:\n  s1: { server_id: 7 }\n  r1: { source: s1, server_id: 7 }\n");
        BadInput(r);
        Assert.Contains($"{file}:6:32: error: servers.r1.server_id: server_id 7 is also s1's; replication needs distinct server ids", r.Err);
    }

    [Theory]
    [InlineData("servers:\n  s1: { semi_sync: { enable: true } }\n", "unknown key 'enable': did you mean 'enabled'?")]
    [InlineData("servers:\n  s1: {}\n  r1: { master: s1 }\n", "unknown key 'master': did you mean 'source'?")]
    [InlineData("servers: { s1: {} }\nfaults:\n  - { at: 1s, failover: { now: true } }\n", "unknown key 'now': faults[0].failover takes no settings (write {})")]
    public void Mistyped_keys_get_a_suggestion_or_say_what_is_allowed(string body, string expected)
    {
        (Detsim.Result r, _) = Check(Head + body);
        BadInput(r);
        Assert.Contains(expected, r.Err);
    }

    [Fact]
    public void A_mistyped_invariant_gets_a_suggestion()
    {
        (Detsim.Result r, _) = Check("name: x\nexpect: holds\ncheck: [no_lost_acked_writes]\nservers: { s1: {} }\n");
        BadInput(r);
        Assert.Contains("'no_lost_acked_writes' is not allowed: did you mean 'no_lost_acked_write'?", r.Err);
    }

    [Fact]
    public void An_sql_fault_with_invalid_sql_is_refused_when_the_spec_loads()
    {
        (Detsim.Result r, string file) = Check(Head + "servers: { s1: {} }\nfaults:\n  - { at: 1s, sql: { server: s1, text: \"DELETE FROM\" } }\n");
        BadInput(r);
        Assert.Contains($"{file}:6:40: error: faults.sql.text:", r.Err);
    }
}
