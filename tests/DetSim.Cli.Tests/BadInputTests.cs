namespace DetSim.Cli.Tests;

public class BadInputTests
{
    [Theory]
    [InlineData("run specs/02-async-failover-loses-acked-writes.yaml --seed abc", "error: --seed 'abc' is not a 64-bit unsigned number (decimal or 0x-hex)")]
    [InlineData("run specs/02-async-failover-loses-acked-writes.yaml --seed -5", "error: --seed '-5' is not a 64-bit unsigned number")]
    [InlineData("run specs/02-async-failover-loses-acked-writes.yaml --seed 18446744073709551616", "is not a 64-bit unsigned number")]
    [InlineData("run specs/does-not-exist.yaml", "error: specs/does-not-exist.yaml: no such file or directory")]
    [InlineData("check specs --shard 3/2", "error: --shard '3/2' must be K/N with 1 <= K <= N")]
    [InlineData("check specs --seeds 0", "error: --seeds '0' must be a whole number of seeds, 1..10000000")]
    [InlineData("check specs --seeds 99999999999", "error: --seeds '99999999999' must be a whole number of seeds, 1..10000000")]
    [InlineData("check specs --jobs many", "error: --jobs 'many' must be a whole number of workers, 1..1024")]
    [InlineData("check specs --no-such-option", "error: ")]
    [InlineData("replay specs/02-async-failover-loses-acked-writes.yaml", "error: replay needs --seed <S>")]
    public void Bad_input_gets_one_clear_line_and_exit_code_2(string args, string expected)
    {
        Detsim.Result r = Detsim.Run(args.Split(' '));
        Assert.Equal(2, r.Code);
        Assert.Contains(expected, r.Err + r.Out);
        Assert.DoesNotContain("   at ", r.Err + r.Out);
    }

    [Fact]
    public void A_malformed_spec_lists_every_error_with_file_line_and_column()
    {
        using var dir = new TempDir();
        string file = dir.File("bad.yaml");
        File.WriteAllText(file, """
            name: bad
            expect: sometimes
            check: [converged]
            servers:
              s1: { sync_binlog: -1 }
              r1: { source: s9, colour: blue }
            """);
        Detsim.Result r = Detsim.Run("check", file);
        Assert.Equal(2, r.Code);
        Assert.Contains($"{file}:2:9: error: expect: 'sometimes' is not allowed (allowed: holds, violated)", r.Err);
        Assert.Contains($"{file}:5:22: error: servers.s1.sync_binlog: -1 is out of range (allowed: 0..4294967295)", r.Err);
        Assert.Contains($"{file}:6:21: error: servers.r1.colour: unknown key 'colour' (allowed: binlog_format, ", r.Err);
        Assert.StartsWith($"{file}:2:9:", r.Err);
        Assert.DoesNotContain("   at ", r.Err);
    }
}
