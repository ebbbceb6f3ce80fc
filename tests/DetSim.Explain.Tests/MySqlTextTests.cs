using DetSim.Cli.Explanation;
using DetSim.Replication.Storage;

namespace DetSim.Explain.Tests;

public class MySqlTextTests
{
    [Fact]
    public void Datetime_prints_as_the_mysql_client_shows_datetime6()
    {
        Assert.Equal("1970-01-01 00:00:00.000000", MySqlText.Datetime(0));
        Assert.Equal("2026-01-01 00:00:00.000000", MySqlText.Datetime(1_767_225_600_000_000));
        Assert.Equal("1970-01-01 00:00:09.434378", MySqlText.Datetime(9_434_378));
    }

    [Fact]
    public void A_checker_row_with_a_datetime_column_prints_it_as_a_datetime()
    {
        var schemas = MySqlText.Schemas(Runs.Spec("11-statement-format-nondeterministic-diverges.yaml").Scenario);
        string message = "r1 differs from s1: visits row 2 is (2,'17,2',11151) but the source has (2,'88',9852)";
        Assert.Equal("r1 differs from s1: visits row 2 is (2,'17,2','1970-01-01 00:00:00.011151') but the source has (2,'88','1970-01-01 00:00:00.009852')",
            MySqlText.Values(message, schemas));
        // A table without DATETIME columns, and tuples that are not rows, are left alone.
        Assert.Equal("posts row 3 is (3,5) (replication stopped)", MySqlText.Values("posts row 3 is (3,5) (replication stopped)", schemas));
        Assert.Equal("'2026-01-01 00:00:00.000000'", MySqlText.Value(Value.Of(1_767_225_600_000_000), ColumnType.Datetime));
    }

    [Fact]
    public void Run_prints_the_datetime_of_a_diverged_row_not_raw_microseconds()
    {
        DetsimProcess.Result r = DetsimProcess.Run("run", "specs/11-statement-format-nondeterministic-diverges.yaml", "--seed", "1");
        string violation = r.Out.Split('\n').First(l => l.Contains("VIOLATION converged", StringComparison.Ordinal));
        Assert.Matches(@"visits row \d+ is \(\d+,'[^']*','1970-01-01 00:00:00\.\d{6}'\)", violation);
    }
}
