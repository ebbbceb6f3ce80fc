using DetSim.Core;
using DetSim.Core.Faults;
using DetSim.Core.Settings;
using DetSim.Replication.Sql;
using DetSim.Replication.Storage;

// The records keep the namespace they had in Scenarios/ReplicationFaults.cs, so code naming them compiles unchanged.
namespace DetSim.Replication.Scenarios;

/// <summary>A statement a DBA runs directly on a server (on a replica: an errant transaction).</summary>
public sealed record AdminSqlFault(string Server, string Sql) : Fault
{
    public override IEnumerable<string> Nodes => [Server];
    public override string Describe() => $"sql {Server}: {Sql}";
    protected override void Apply(Simulation simulation) => simulation.GetService<ClusterControl>().Server(Server)?.ExecuteAdmin(Sql);
}

/// <summary><c>sql: { server: r1, text: "INSERT ..." }</c>: the statement is parsed when the spec loads, as a client's statements are, not when the fault strikes.</summary>
public sealed class AdminSqlKind : FaultKind
{
    public static readonly Setting<string> Text = Declare.String("text", null, "SQL") with { Required = true };

    public override string Name => "sql";
    public override string Description => "a statement a DBA runs directly on a server";
    public override FaultShape Shape => FaultShape.Map;
    public override IReadOnlyList<Setting> Fields => [FaultFields.Server, Text];

    public override Fault Build(IFaultArgs args)
    {
        string server = args.Server(FaultFields.Server);
        string text = args.Get(Text);
        if (text.Length == 0) args.Error(Text, "give the statement to run (text: ...)");
        else
        {
            try { Parser.Parse(text); }
            catch (SqlError e) { args.Error(Text, e.Message); }
        }
        return new AdminSqlFault(server, text);
    }
}
