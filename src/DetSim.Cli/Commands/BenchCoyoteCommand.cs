using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using DetSim.Specs;
using DetSim.Testing.Coyote;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class BenchCoyoteCommand : Command<BenchCoyoteCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--runs <N>")]
        [Description("Runs through each host for the throughput comparison (default 100).")]
        public int Runs { get; init; } = 100;

        [CommandOption("--engine-seeds <K>")]
        [Description("Engine seeds per strategy and bug for the iterations-to-failure table (default 5).")]
        public int EngineSeeds { get; init; } = 5;
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancel)
    {
        Spec holds = SpecFiles.LoadOne("specs/07-gtid-failover-lagging-replica-converges.yaml");
        var run = ExploreStrategies.RunOf(holds);
        // Throughput: the same spec, the same number of runs, seeded loop vs Coyote host, in one process.
        for (int i = 0; i < 5; i++) SpecJudge.RunSeed(holds, (ulong)i);
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < s.Runs; i++) SpecJudge.RunSeed(holds, (ulong)(100 + i));
        double seeded = s.Runs / clock.Elapsed.TotalSeconds;
        clock.Restart();
        CoyoteExplorer.Explore(run, new ExploreOptions(CoyoteStrategy.Random, (uint)s.Runs));
        double coyote = s.Runs / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"bench coyote: {holds.Name}, {s.Runs} runs each");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seeded DetSim runner: {seeded,8:F1} runs/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Coyote host:          {coyote,8:F1} runs/s  (ratio Coyote / seeded {coyote / seeded:P0})"));

        string[] bugs = ["02-async-failover-loses-acked-writes", "03-semisync-after-commit-phantom-read", "05-semisync-timeout-falls-back-and-loses-writes", "20-parallel-applier-without-commit-order"];
        Console.WriteLine();
        Console.WriteLine($"median iterations to the first failure over {s.EngineSeeds} engine seeds (max 200 iterations):");
        Console.WriteLine($"{"strategy",-20}" + string.Concat(bugs.Select(b => $" {b[..2],6}")));
        // Q-learning is left out: it learns over every controlled step and a replication run makes
        // about 10^5 decisions, so even one iteration takes minutes (docs/coyote.md).
        foreach (CoyoteStrategy strategy in Enum.GetValues<CoyoteStrategy>().Where(x => x != CoyoteStrategy.QLearning))
        {
            var cells = new List<string>();
            foreach (string bug in bugs)
            {
                Spec spec = SpecFiles.LoadOne($"specs/{bug}.yaml");
                var found = Enumerable.Range(1, s.EngineSeeds)
                    .Select(seed => CoyoteExplorer.Explore(ExploreStrategies.RunOf(spec), new ExploreOptions(strategy, 200, EngineSeed: (uint)seed)).FirstFailureIteration ?? 201)
                    .Order().ToList();
                int median = found[found.Count / 2];
                cells.Add(median > 200 ? ">200" : median.ToString(CultureInfo.InvariantCulture));
            }
            Console.WriteLine($"{strategy,-20}" + string.Concat(cells.Select(c => $" {c,6}")));
        }
        Console.WriteLine("columns: " + string.Join(", ", bugs));
        return ExitCodes.Ok;
    }
}
