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
/// With <see cref="After"/> the node goes on and crashes that long after the arrival, in
/// <see cref="Mode"/> (a power loss a few microseconds after a commit's OK, say), not at the point.
public sealed record CrashAtFault(string Node, string Point, int Nth = 1, Duration? RestartAfter = null, CrashMode Mode = CrashMode.ProcessCrash, Duration After = default) : Fault
{
    public override IEnumerable<string> Nodes => [Node];

    public override string Describe() => $"crash-at {Node} {Point} #{Nth}" +
        (Mode != CrashMode.ProcessCrash ? $" {CrashAtKind.Mode.FormatValue(Mode)}" : "") + (After.Micros > 0 ? $" after {After}" : "") +
        (RestartAfter is { } r ? $" restart after {r}" : "");

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
            if (After.Micros > 0)
            {
                simulation.Note(node, $"crash point {Point} reached (#{Nth}): {CrashAtKind.Mode.FormatValue(Mode)} in {After}");
                simulation.Schedule(simulation.Now + After, $"crash {Node} {After} after crash point {Point}", s =>
                {
                    if (s.StatusOf(node) == NodeStatus.Up) Crash(s); // unless something else took it down meanwhile
                });
                return;
            }
            simulation.Note(node, $"crash point {Point} reached (#{Nth}): DBUG_SUICIDE");
            simulation.Pause(node);
            simulation.Schedule(simulation.Now, $"kill {Node} at crash point {Point}", Crash);
        }, stops: After.Micros == 0);
        void Crash(Simulation s)
        {
            s.Crash(node, Mode);
            if (RestartAfter is { } after) s.Schedule(s.Now + after, $"restart {Node}", s2 => s2.Restart(node));
        }
        ledger.Add(armed);
        host.ArmCrashPoint(armed);
    }
}

/// <summary>
/// <c>crash_at: { server: s1, point: crash_after_flush_binlog, nth: 3, restart_after: 1s }</c>;
/// the nemesis arms a point drawn from its crash_points, the N-th arrival with N from 1 to
/// crash_at_nth_max, in crash_at_mode, crashing after a delay drawn up to crash_at_after_max, and
/// restarts the node after the outage.
/// </summary>
public sealed class CrashAtKind : FaultKind
{
    public static readonly Setting<string> Point = Declare.String("point", null, "crash point name (crash_commit_before_log, crash_after_flush_binlog, ...)") with { Required = true };
    public static readonly Setting<int> Nth = Declare.Int("nth", 1, 1, 1_000_000_000, "the N-th arrival fires it");
    public static readonly Setting<Duration?> RestartAfter = Declare.OptionalDuration("restart_after", "boot the server again this long after it died (default: it stays down)");
    /// <summary>How a server may die at a crash point, for <see cref="Mode"/> and the nemesis's crash_at_mode.</summary>
    internal static readonly (string Text, CrashMode Value)[] Modes = [("process", CrashMode.ProcessCrash), ("power_loss", CrashMode.DropUnsynced), ("torn_write", CrashMode.TornWrite)];
    public static readonly Setting<CrashMode> Mode = Declare.Choice("mode", CrashMode.ProcessCrash, "how it dies: process (DBUG_SUICIDE, a kill -9: the page cache and what the sockets hold survive), power_loss, torn_write", Modes);
    public static readonly Setting<Duration> After = Declare.Duration("after", Duration.Zero, "crash this long after the arrival instead of at it (the server goes on until then)");
    public static readonly Setting<int> NemesisWeight = Declare.Int("crash_at", 0, 0, 1000, "weight: arm a crash point drawn from crash_points");

    public override string Name => "crash_at";
    public override string Description => "arm a MySQL crash point (mysql-test's DBUG_EXECUTE_IF names): the N-th transaction reaching it kills the server there";
    public override FaultShape Shape => FaultShape.Map;
    public override IReadOnlyList<Setting> Fields => [FaultFields.Server, Point, Nth, RestartAfter, Mode, After];

    public override Fault? Build(IFaultArgs args)
    {
        string node = args.Server(FaultFields.Server);
        string point = args.Get(Point);
        if (!args.CrashPoints.Contains(point))
        {
            args.Error(Point, $"unknown crash point '{point}' (known: {string.Join(", ", args.CrashPoints)})");
            return null;
        }
        return new CrashAtFault(node, point, args.Get(Nth), args.Get(RestartAfter), args.Get(Mode), args.Get(After));
    }

    public override Setting<int> Weight => NemesisWeight;
    public override int WeightIn(NemesisOptions options) => options.CrashAtWeight;
    public override NemesisOptions WithWeight(NemesisOptions options, int weight) => options with { CrashAtWeight = weight };

    public override void Draw(NemesisDraw d)
    {
        string point = d.Random.Pick(d.Options.CrashPoints);
        int nth = 1 + d.Random.NextInt(d.Options.CrashAtNthMax);
        // No delay draws nothing, so plans without one stay as they were drawn before delays existed.
        Duration after = d.Options.CrashAtAfterMax.Micros > 0 ? Duration.FromMicros(d.Random.NextLong(0, d.Options.CrashAtAfterMax.Micros)) : Duration.Zero;
        d.Plan.At(d.At, new CrashAtFault(d.Node, point, nth, d.Down, d.Options.CrashAtMode, after));
    }
}
