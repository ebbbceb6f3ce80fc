using DetSim.Core.Time;
using DetSim.Replication.Clients;
using DetSim.Replication.Scenarios;
using DetSim.Replication.Settings;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;
using YamlDotNet.RepresentationModel;

namespace DetSim.Specs;

// workload: tables (their CREATE TABLE must parse) and client groups (their SQL must parse, their servers exist).
internal sealed partial class SpecMapper
{
    private List<TableSetup> Tables(YamlMappingNode? workload)
    {
        var tables = new List<TableSetup>();
        foreach (YamlNode t in Seq(workload, "tables"))
        {
            var tm = (YamlMappingNode)t;
            string create = Str(tm, "create")!;
            try { MySqlDialect.Instance.ParseCreateTable(create); }
            catch (SqlError e) { Error(Node(tm, "create")!, "workload.tables.create", e.Message); }
            tables.Add(new TableSetup(create, (int)Read(tm, SpecSettings.TableRows)));
        }
        return tables;
    }

    private List<ClientOptions> Clients(YamlMappingNode? workload)
    {
        var clients = new List<ClientOptions>();
        foreach (YamlNode c in Seq(workload, "clients")) clients.Add(Client((YamlMappingNode)c, clients));
        return clients;
    }

    private ClientOptions Client(YamlMappingNode c, List<ClientOptions> earlier)
    {
        string name = Str(c, "name")!;
        if (earlier.Any(e => e.Name == name)) Error(Node(c, "name")!, "workload.clients.name", $"client '{name}' is defined twice");
        string server = Read(c, ClientSettings.Server);
        TargetSelector target = Target(server);
        if (target.Kind == TargetKind.Named) RequireServer(Node(c, "server")!, $"workload.clients.{name}.server", server, "source, replicas, any");
        var mix = new List<TransactionTemplate>();
        foreach (YamlNode t in Seq(c, "transactions")) mix.Add(Transaction((YamlMappingNode)t, name));
        return new ClientOptions
        {
            Name = name,
            Sessions = Read(c, ClientSettings.Count),
            Target = target,
            Start = SimTime.Zero + Read(c, ClientSettings.Start),
            Duration = Read(c, ClientSettings.Duration),
            Think = Read(c, ClientSettings.Think),
            RequestTimeout = Read(c, ClientSettings.Timeout),
            Until = Read(c, ClientSettings.Until),
            Transactions = mix,
        };
    }

    private TransactionTemplate Transaction(YamlMappingNode tm, string client)
    {
        string path = $"workload.clients.{client}.transactions";
        var sql = Seq(tm, "sql").Select(n => ((YamlScalarNode)n).Value!).ToList();
        if (sql.Count == 0) Error(tm, $"{path}.sql", "a transaction needs at least one statement");
        foreach ((YamlNode n, string text) in Seq(tm, "sql").Zip(sql))
        {
            try { Parser.Parse(text.Replace("?", "1", StringComparison.Ordinal).Replace("{n}", "1", StringComparison.Ordinal).Replace("{session}", "1", StringComparison.Ordinal)); }
            catch (SqlError e) { Error(n, $"{path}.sql", e.Message); }
        }
        var range = Seq(tm, "key_range").Select(n => Scalars.TryInteger(((YamlScalarNode)n).Value!, out decimal d) ? (long)d : 0).ToList();
        if (range.Count is not (0 or 2) || (range.Count == 2 && range[0] > range[1]))
            Error(Node(tm, "key_range")!, $"{path}.key_range", "expected [min, max] with min <= max");
        int weight = Read(tm, ClientSettings.Weight);
        TransactionTemplate template = range.Count == 2 ? new TransactionTemplate(weight, sql, range[0], range[1]) : new TransactionTemplate(weight, sql);
        if (Str(tm, "server") is { } txServer)
        {
            TargetSelector txTarget = Target(txServer);
            if (txTarget.Kind == TargetKind.Named) RequireServer(Node(tm, "server")!, $"{path}.server", txServer, "source, replicas, any");
            template = template with { Target = txTarget };
        }
        return template;
    }

    private static TargetSelector Target(string server) => server.ToLowerInvariant() switch
    {
        "source" => TargetSelector.Source,
        "replicas" => TargetSelector.Replicas,
        "any" => TargetSelector.Any,
        _ => TargetSelector.Named(server),
    };
}
