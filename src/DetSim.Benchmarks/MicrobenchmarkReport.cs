using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;

namespace DetSim.Benchmarks;

/// <summary>Every summary of one run in one markdown file, with the command that made it.</summary>
internal static class MicrobenchmarkReport
{
    public static void Write(string path, IEnumerable<Summary> summaries, IReadOnlyList<string> args)
    {
        var logger = new AccumulationLogger();
        logger.WriteLine("# Micro-benchmarks (BenchmarkDotNet)");
        logger.WriteLine();
        logger.WriteLine("Written by `dotnet run -c Release --project src/DetSim.Benchmarks` (in process, 3 warm-up and 10 measured iterations);");
        logger.WriteLine($"this run's arguments: {(args.Count == 0 ? "none" : "`" + string.Join(" ", args) + "`")}, on {DateTime.UtcNow:yyyy-MM-dd}. Each table puts a hot path beside the slower way it replaced,");
        logger.WriteLine("measured in the same run. Whole-seed figures are `detsim bench all`'s (docs/benchmarks.md).");
        logger.WriteLine();
        foreach (Summary s in summaries)
        {
            logger.WriteLine($"## {s.Title.Split('-')[0]}");
            logger.WriteLine();
            MarkdownExporter.GitHub.ExportToLog(s, logger);
            logger.WriteLine();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, logger.GetLog());
    }
}
