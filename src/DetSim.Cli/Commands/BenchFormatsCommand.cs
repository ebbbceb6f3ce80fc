using System.ComponentModel;
using DetSim.Cli.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class BenchFormatsCommand : Command<BenchFormatsCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--png [FILE]")]
        [Description("Also draw the figures as a PNG chart (default file: bench-formats.png).")]
        public FlagValue<string>? Png { get; init; }

        /// <summary>The chart's file: the one given, or bench-formats.png for a bare --png.</summary>
        public string? PngFile => Png is { IsSet: true } p ? (string.IsNullOrWhiteSpace(p.Value) ? "bench-formats.png" : p.Value) : null;

        [CommandOption("--rows <N>")]
        [Description("Rows the bulk UPDATE changes (default 1000).")]
        public int Rows { get; init; } = 1000;

        public override ValidationResult Validate() => Rows is < 1 or > 1_000_000 ? ValidationResult.Error("--rows must be 1..1000000") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancel)
    {
        var rows = ReplicationBench.Formats(s.Rows);
        Console.WriteLine($"bench formats: binlog bytes added by one bulk UPDATE of {s.Rows} rows (table t(id INT PK, v INT), binlog_row_image=FULL, GTIDs on)");
        Console.WriteLine($"{"statement",-56} {"ROW",10} {"STATEMENT",10} {"MIXED",10}");
        foreach (var g in rows.GroupBy(r => r.Statement))
        {
            long B(string f) => g.First(r => r.Format == f).BinlogBytes;
            Console.WriteLine($"{g.Key,-56} {B("ROW"),10} {B("STATEMENT"),10} {B("MIXED"),10}");
        }
        if (s.PngFile is { } png)
        {
            Charts.Formats(rows, png);
            Console.WriteLine($"chart: {png}");
        }
        return ExitCodes.Ok;
    }
}
