using DetSim.Core.Disk;
using DetSim.Core.Nodes;
using DetSim.Core.Random;
using DetSim.Core.Settings;
using DetSim.Core.Time;

namespace DetSim.Core.Faults;

/// <summary>
/// Arms a named crash point on a node: the <see cref="Nth"/> arrival there kills the process
/// (page cache kept, as after kill -9) and, with <see cref="RestartAfter"/>, boots it again later.
/// The node freezes at that instant (nothing more it would do runs) and dies at the same
/// simulated time.
/// </summary>
public sealed record CrashAtFault(string Node, string Point, int Nth = 1, Duration? RestartAfter = null) : Fault
{
    public override IEnumerable<string> Nodes => [Node];

    public override string Describe() => $"crash-at {Node} {Point} #{Nth}{(RestartAfter is { } r ? $" restart after {r}" : "")}";

    protected override void Apply(Simulation simulation)
    {
        int node = simulation.Require(Node);
        CrashPointLedger ledger = CrashPointLedger.Of(simulation);
        if (simulation.StatusOf(node) != NodeStatus.Up || simulation.InstanceOf(node) is not ICrashPointHost host)
        {
            ledger.NotArmed($"crash point {Point} #{Nth} on {Node} not armed at {simulation.Now}: {Node} was {simulation.StatusOf(node).ToString().ToLowerInvariant()}");
            return;
        }
        var armed = new ArmedCrashPoint(Node, Point, Nth, () =>
        {
            simulation.Note(node, $"crash point {Point} reached (#{Nth}): DBUG_SUICIDE");
            simulation.Pause(node);
            simulation.Schedule(simulation.Now, $"kill {Node} at crash point {Point}", s =>
            {
                s.Crash(node, CrashMode.ProcessCrash);
                if (RestartAfter is { } after) s.Schedule(s.Now + after, $"restart {Node}", s2 => s2.Restart(node));
            });
        });
        ledger.Add(armed);
        host.ArmCrashPoint(armed);
    }
}

/// <summary>
/// <c>crash_at: { server: s1, point: crash_after_flush_binlog, nth: 3, restart_after: 1s }</c>;
/// the nemesis arms a point drawn from its crash_points, the N-th arrival with N from 1 to
/// crash_at_nth_max, and restarts the node after the outage.
/// </summary>
public sealed class CrashAtKind : FaultKind
{
    public static readonly Setting<string> Point = Declare.String("point", null, "crash point name (crash_commit_before_log, crash_after_flush_binlog, ...)") with { Required = true };
    public static readonly Setting<int> Nth = Declare.Int("nth", 1, 1, 1_000_000_000, "the N-th arrival fires it");
    public static readonly Setting<Duration?> RestartAfter = Declare.OptionalDuration("restart_after", "boot the server again this long after it died (default: it stays down)");
    public static readonly Setting<int> NemesisWeight = Declare.Int("crash_at", 0, 0, 1000, "weight: arm a crash point drawn from crash_points");

    public override string Name => "crash_at";
    public override string Description => "arm a MySQL crash point (mysql-test's DBUG_EXECUTE_IF names): the N-th transaction reaching it kills the server there";
    public override FaultShape Shape => FaultShape.Map;
    public override IReadOnlyList<Setting> Fields => [FaultFields.Server, Point, Nth, RestartAfter];

    public override Fault? Build(IFaultArgs args)
    {
        string node = args.Server(FaultFields.Server);
        string point = args.Get(Point);
        if (!args.CrashPoints.Contains(point))
        {
            args.Error(Point, $"unknown crash point '{point}' (known: {string.Join(", ", args.CrashPoints)})");
            return null;
        }
        return new CrashAtFault(node, point, args.Get(Nth), args.Get(RestartAfter));
    }

    public override Setting<int> Weight => NemesisWeight;
    public override int WeightIn(NemesisOptions options) => options.CrashAtWeight;
    public override NemesisOptions WithWeight(NemesisOptions options, int weight) => options with { CrashAtWeight = weight };

    public override void Draw(NemesisDraw d)
    {
        string point = d.Random.Pick(d.Options.CrashPoints);
        d.Plan.At(d.At, new CrashAtFault(d.Node, point, 1 + d.Random.NextInt(d.Options.CrashAtNthMax), d.Down));
    }
}
