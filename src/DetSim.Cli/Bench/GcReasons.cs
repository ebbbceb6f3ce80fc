using System.Diagnostics.Tracing;

namespace DetSim.Cli.Bench;

/// <summary>
/// Counts the runtime's GCStart events by generation and reason (allocation budget, LOH budget,
/// induced, ...): why a run collects as often and as deep as it does (`bench all --seed-cost`).
/// </summary>
public sealed class GcReasons : EventListener
{
    private static readonly string[] ReasonNames =
        ["small-alloc", "induced", "low-memory", "empty", "large-alloc", "oos-soh", "oos-loh", "induced-noforce", "gc-stress", "induced-low-memory", "induced-compacting", "low-memory-host", "pm-full", "low-memory-host-blocking", "bgc-tuning-soh", "bgc-tuning-loh", "bgc-stepping", "induced-aggressive"];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Informational, (EventKeywords)0x1);
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCStart", StringComparison.Ordinal) || e.PayloadNames is null || e.Payload is null) return;
        int d = e.PayloadNames.IndexOf("Depth"), r = e.PayloadNames.IndexOf("Reason");
        if (d < 0 || r < 0) return;
        uint depth = Convert.ToUInt32(e.Payload[d], System.Globalization.CultureInfo.InvariantCulture);
        uint reason = Convert.ToUInt32(e.Payload[r], System.Globalization.CultureInfo.InvariantCulture);
        string key = $"gen{depth} {(reason < ReasonNames.Length ? ReasonNames[reason] : reason.ToString(System.Globalization.CultureInfo.InvariantCulture))}";
        lock (_lock) _counts[key] = _counts.GetValueOrDefault(key) + 1;
    }

    public override string ToString()
    {
        lock (_lock) return string.Join(", ", _counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} x{kv.Value}"));
    }
}
