using Xunit.Abstractions;

namespace DetSim.Conformance.Tests.Harness;

/// <summary>One compared behaviour: what the model did, what MariaDB did.</summary>
internal sealed record Compared(string Case, string Model, string Real)
{
    public bool Agree => Model == Real;
}

/// <summary>
/// Collects a test's comparisons, prints them as table rows (docs/conformance.md is made from them;
/// set DETSIM_CONFORMANCE_REPORT to a file to collect every test's rows) and fails on a disagreement
/// that is not a documented known difference (docs/model.md, "Known differences from MariaDB").
/// </summary>
internal sealed class Comparison(ITestOutputHelper output, IReadOnlySet<string>? known = null)
{
    private readonly List<Compared> _rows = new();

    public void Add(string @case, string model, string real) => _rows.Add(new Compared(@case, model, real));

    public IReadOnlyList<Compared> Rows => _rows;

    public void Verify()
    {
        var lines = _rows.Select(r => $"| {r.Case} | {Cell(r.Model)} | {Cell(r.Real)} | {(r.Agree ? "yes" : known?.Contains(r.Case) == true ? "no (known)" : "NO")} |").ToList();
        foreach (string l in lines) output.WriteLine(l);
        if (Environment.GetEnvironmentVariable("DETSIM_CONFORMANCE_REPORT") is { Length: > 0 } file)
            lock (typeof(Comparison)) File.AppendAllLines(file, lines);
        var bad = _rows.Where(r => !r.Agree && known?.Contains(r.Case) != true).ToList();
        Assert.True(bad.Count == 0, "model and MariaDB disagree:\n" + string.Join("\n", bad.Select(b => $"{b.Case}: model [{b.Model}] vs MariaDB [{b.Real}]")));
    }

    private static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal);
}
