using BenchmarkDotNet.Attributes;
using DetSim.Replication;
using DetSim.Replication.Execution;
using DetSim.Replication.Sql;

namespace DetSim.Benchmarks;

/// <summary>
/// A writer's statement as the client fills it from its template, a new text every time. Parsed as
/// text, every statement is lexed and parsed again (the executor's text cache never sees the same
/// text twice); bound to its template, the executor parses the template once and binds the values.
/// </summary>
[MemoryDiagnoser]
public class ParseBenchmarks
{
    private const string Template = "SELECT id, v FROM t WHERE id = {n}";
    // More distinct texts than the executor's text cache holds (4,096): a text is gone from it before it comes again.
    private const int Keys = 10_000;
    private readonly StatementExecutor _executor = new();
    private readonly SessionContext _session = Tables.Session();
    private readonly string[] _texts = new string[Keys];
    private TransactionStore _store = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _store = Tables.WithRows(Keys);
        for (int i = 0; i < Keys; i++) _texts[i] = Template.Replace("{n}", (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Benchmark(Baseline = true, Description = "parse the filled text")]
    public int ParsedAsText() => _executor.Run(_texts[Next()], _store, _session, Flavor.MySql80).Rows.Count;

    [Benchmark(Description = "template parsed once, values bound")]
    public int BoundToTemplate()
    {
        int i = Next();
        return _executor.Run(_texts[i], Template, new TemplateValues(0, i + 1, 1), _store, _session, Flavor.MySql80).Rows.Count;
    }

    private int Next() => _next = (_next + 1) % Keys;
}
