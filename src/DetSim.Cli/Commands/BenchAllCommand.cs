using System.ComponentModel;
using DetSim.Cli.Bench;
using Spectre.Console;
using Spectre.Console.Cli;

namespace DetSim.Cli.Commands;

public sealed class BenchAllCommand : Command<BenchAllCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--quick")]
        [Description("Tiny sample sizes: proves the suite runs in seconds (figures not worth quoting).")]
        public bool Quick { get; init; }

        [CommandOption("--json [FILE]")]
        [Description("Also write every figure as JSON (default file: benchmarks.json next to the report).")]
        public FlagValue<string>? Json { get; init; }

        [CommandOption("--out <FILE>")]
        [Description("Where the report goes (default docs/benchmarks.md).")]
        public string Out { get; init; } = "docs/benchmarks.md";

        [CommandOption("--specs <DIR>")]
        [Description("Directory of the benchmark specs (default specs/bench).")]
        public string Specs { get; init; } = "specs/bench";

        [CommandOption("--jobs <N>")]
        [Description("Workers for the scaling figure (default: the machine's cores).")]
        public int Jobs { get; init; } = Environment.ProcessorCount;

        [CommandOption("--memory-seeds <N>")]
        [Description("Seeds of the standard spec for the memory figure (default 20000; --quick 40).")]
        public int? MemorySeeds { get; init; }

        [CommandOption("--campaigns <N>")]
        [Description("Campaigns per bug for seeds to the first failure (default 20; --quick 2).")]
        public int? Campaigns { get; init; }

        [CommandOption("--campaign-cap <N>")]
        [Description("Most seeds one campaign runs before giving up (default 400; --quick 2).")]
        public int? CampaignCap { get; init; }

        [CommandOption("--seed-costs <N>")]
        [Description("Seeds of each bug-hunt variant timed for the cost per seed (default 10; --quick 1).")]
        public int? SeedCosts { get; init; }

        [CommandOption("--alloc-profile <SPEC>")]
        [Description("Instead of the suite: run --seed-costs seeds (default 3) of SPEC and print the types that allocate most (sampled GC AllocationTick events).")]
        public string? AllocProfile { get; init; }

        [CommandOption("--seed-cost <SPEC>")]
        [Description("Instead of the suite: run --seed-costs seeds (default 10) of SPEC from seed 1 on this thread and print CPU, steps and bytes allocated per seed, and a hash over every seed's trace hash and violations (the same hash means the same behaviour).")]
        public string? SeedCost { get; init; }

        public override ValidationResult Validate() =>
            Jobs < 1 || MemorySeeds is < 1 || Campaigns is < 1 || CampaignCap is < 1 || SeedCosts is < 1 ? ValidationResult.Error("--jobs, --memory-seeds, --campaigns, --campaign-cap and --seed-costs must be positive") : ValidationResult.Success();
    }

    public override int Execute(CommandContext context, Settings s, CancellationToken cancel)
    {
        if (s.AllocProfile is not null) return AllocProfile(s.AllocProfile, s.SeedCosts ?? 3);
        if (s.SeedCost is not null) return SeedCost(s.SeedCost, s.SeedCosts ?? 10);
        BenchPlan plan = s.Quick ? BenchPlan.QuickPlan(s.Specs) : BenchPlan.Full(s.Specs);
        plan = plan with
        {
            Jobs = s.Jobs,
            MemorySeeds = s.MemorySeeds ?? plan.MemorySeeds,
            Campaigns = s.Campaigns ?? plan.Campaigns,
            CampaignSeedCap = s.CampaignCap ?? plan.CampaignSeedCap,
            BugHuntSeeds = s.SeedCosts ?? plan.BugHuntSeeds,
        };
        BenchReport report = BenchSuite.Run(plan, step => Console.Error.WriteLine($"bench all: {step}"), cancel);
        string markdown = BenchReportWriter.ToMarkdown(report);
        if (Path.GetDirectoryName(Path.GetFullPath(s.Out)) is { } dir) Directory.CreateDirectory(dir);
        File.WriteAllText(s.Out, markdown);
        Console.WriteLine(markdown);
        Console.WriteLine($"report: {s.Out}");
        if (s.Json is { IsSet: true } json)
        {
            string file = json.Value ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(s.Out)) ?? ".", "benchmarks.json");
            File.WriteAllText(file, BenchReportWriter.ToJson(report));
            Console.WriteLine($"json: {file}");
        }
        return ExitCodes.Ok;
    }

    private static int SeedCost(string file, int seeds)
    {
        DetSim.Specs.Spec spec = SpecFiles.LoadOne(file);
        for (ulong i = 0; i < 2; i++) DetSim.Specs.SpecJudge.RunSeed(spec, 1_000_000 + i); // warm the JIT
        using var reasons = new GcReasons();
        SeedCostSummary c = SeedCostSummary.Measure(spec, seeds);
        Console.WriteLine(c.ToString());
        Console.WriteLine($"collections by generation and reason: {reasons}");
        return ExitCodes.Ok;
    }

    private static int AllocProfile(string file, int seeds)
    {
        DetSim.Specs.Spec spec = SpecFiles.LoadOne(file);
        DetSim.Specs.SpecJudge.RunSeed(spec, spec.SeedStart + 100);
        using var sampler = new AllocationSampler();
        long before = GC.GetAllocatedBytesForCurrentThread();
        long steps = 0;
        for (ulong i = 0; i < (ulong)seeds; i++) steps += DetSim.Specs.SpecJudge.RunSeed(spec, spec.SeedStart + i).Report?.Result.Steps ?? 0;
        long total = GC.GetAllocatedBytesForCurrentThread() - before;
        Console.WriteLine($"{spec.Name}: {seeds} seeds, {steps:N0} steps, {total:N0} bytes allocated ({(double)total / Math.Max(1, steps):N0} per step)");
        foreach ((string type, long bytes) in sampler.Top(60)) Console.WriteLine($"{bytes,14:N0}  {type}");
        return ExitCodes.Ok;
    }
}
