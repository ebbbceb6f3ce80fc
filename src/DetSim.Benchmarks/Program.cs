using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using DetSim.Benchmarks;

// dotnet run -c Release --project src/DetSim.Benchmarks [-- --filter '*Select*'] [--out FILE]
// Runs in this process (no generated project to build, so it needs no network) and writes every
// summary as one markdown file (default docs/microbenchmarks.md); other arguments go to BenchmarkDotNet.
string output = Path.Combine(RepositoryRoot.Find(), "docs", "microbenchmarks.md");
var rest = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--out" && i + 1 < args.Length) output = Path.GetFullPath(args[++i]);
    else rest.Add(args[i]);
}
if (!rest.Contains("--filter")) rest.AddRange(["--filter", "*"]);
// A short job of our own (a minute or two for the suite) unless --job names one.
IConfig config = DefaultConfig.Instance.WithOptions(ConfigOptions.DisableLogFile);
if (!rest.Contains("--job") && !rest.Contains("-j"))
    config = config.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(3).WithIterationCount(10));
IEnumerable<Summary> summaries = BenchmarkSwitcher.FromAssembly(typeof(SelectBenchmarks).Assembly).Run([.. rest], config);
MicrobenchmarkReport.Write(output, summaries, args);
Console.WriteLine($"wrote {output}");
return 0;
