using DetSim.Cli;
using DetSim.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

var app = new CommandApp();
app.Configure(config =>
{
    config.SetApplicationName("detsim");
    config.SetApplicationVersion(VersionCommand.Version);
    config.UseStrictParsing();
    config.AddExample("check", "specs");
    config.AddCommand<CheckCommand>("check")
        .WithDescription("Run every spec over its seeds and judge its expectation. Exit 0: all met, 1: an expectation failed, 2: bad input, 3: a model error (a DetSim bug).");
    config.AddCommand<RunCommand>("run").WithDescription("Run one seed of a spec: outcome, violations, trace hash.");
    config.AddCommand<ExplainCommand>("explain").WithDescription("Explain one seed: a narrative of faults, failover and the violation; --html writes a space-time diagram page.");
    config.AddCommand<ReplayCommand>("replay").WithDescription("Reproduce one seed exactly (same trace hash); --trace prints every step.");
    config.AddCommand<ExploreCommand>("explore").WithDescription("Let Coyote's strategies (random, pct, delay-bounding, q-learning, ...) explore a spec's interleavings.");
    config.AddCommand<SoakCommand>("soak").WithDescription("Draw a whole scenario from each seed and run it: the lossless configuration must hold; --unsafe NAME must break.");
    config.AddCommand<ShrinkCommand>("shrink").WithDescription("Minimise a failing run and write the minimal spec.");
    config.AddCommand<MergeCommand>("merge").WithDescription("Combine sharded check results into one report (and JUnit XML).");
    config.AddCommand<SchemaCommand>("schema").WithDescription("Print the JSON Schema of the spec format.");
    config.AddCommand<VersionCommand>("version").WithDescription("Version of detsim, .NET and the machine.");
    config.AddBranch("bench", bench =>
    {
        bench.SetDescription("Benchmarks that report figures measured side by side in one run.");
        bench.AddCommand<BenchKernelCommand>("kernel").WithDescription("Scheduler vs a bare PriorityQueue loop: events/s, ratio, bytes/event.");
        bench.AddCommand<BenchFormatsCommand>("formats").WithDescription("Binlog bytes of one bulk UPDATE under ROW, STATEMENT and MIXED.");
        bench.AddCommand<BenchCoyoteCommand>("coyote").WithDescription("Seeded runner vs Coyote host (runs/s, ratio) and iterations to each seed bug per strategy.");
        bench.AddCommand<BenchAllCommand>("all").WithDescription("Every benchmark figure side by side in one run; writes docs/benchmarks.md (--json for machines).");
        bench.AddCommand<BenchSemisyncCommand>("semisync").WithDescription("Commit latency p50/p99 and throughput: async, AFTER_COMMIT, AFTER_SYNC 1 and 2 acks.");
    });
    config.SetExceptionHandler((ex, _) =>
    {
        // Bad input and anything unexpected: one clear line, never a stack trace.
        string message = ex switch
        {
            CommandParseException or CommandRuntimeException => ex.Message,
            BadInputException or ArgumentException or FormatException or FileNotFoundException or DirectoryNotFoundException => ex.Message,
            _ => $"internal error ({ex.GetType().Name}): {ex.Message}",
        };
        // Spec errors already read "file:line:col: error: ..."; anything else gets the prefix.
        Console.Error.WriteLine(message.Contains(": error: ", StringComparison.Ordinal) ? message : $"error: {message}");
        return ExitCodes.BadInput;
    });
});
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Ctrl-C: stop cleanly; commands print what they found so far.
    e.Cancel = true;
    cancel.Cancel();
};
return app.Run(args, cancel.Token);
