using System.Diagnostics.Tracing;

namespace DetSim.Cli.Bench;

/// <summary>
/// Samples the runtime's GC AllocationTick events (one per ~100 KB allocated) by type: where a
/// run's allocations go, without an external profiler (`bench all --alloc-profile`).
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime") EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (e.EventName is null || !e.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null) return;
        int t = e.PayloadNames.IndexOf("TypeName"), a = e.PayloadNames.IndexOf("AllocationAmount64");
        if (t < 0 || e.Payload is null) return;
        string type = e.Payload[t] as string ?? "?";
        long amount = a >= 0 && e.Payload[a] is ulong u ? (long)u : 100_000;
        lock (_lock) _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
    }

    public IReadOnlyList<(string Type, long Bytes)> Top(int n)
    {
        lock (_lock) return _bytes.OrderByDescending(kv => kv.Value).Take(n).Select(kv => (kv.Key, kv.Value)).ToList();
    }
}
