using System.Runtime.ExceptionServices;
using DetSim.Specs;

namespace DetSim.Cli.Campaign;

/// <summary>
/// Runs seeds on <c>jobs</c> worker threads, each taking the next seed as soon as it finishes one,
/// and hands their outcomes out in seed order (<see cref="Take"/>). Workers stay at most a window of
/// seeds ahead of the last outcome taken, so few finished runs wait in memory. With one job the
/// seeds run on the caller's thread, one per <see cref="Take"/>. The only shared state is this
/// queue's lock, taken twice per seed.
/// </summary>
internal sealed class SeedQueue : IDisposable
{
    private readonly IReadOnlyList<ulong> _seeds;
    private readonly Func<ulong, SeedOutcome> _run;
    private readonly CancellationToken _cancel;
    private readonly SeedOutcome?[] _outcomes;
    private readonly Thread[] _workers;
    private readonly object _gate = new();
    private readonly int _window;
    private int _next;
    private int _taken;
    private bool _stopped;
    private ExceptionDispatchInfo? _failure;

    public SeedQueue(IReadOnlyList<ulong> seeds, int jobs, Func<ulong, SeedOutcome> run, CancellationToken cancel)
    {
        _seeds = seeds;
        _run = run;
        _cancel = cancel;
        _outcomes = new SeedOutcome?[seeds.Count];
        _window = jobs * 4;
        _workers = jobs <= 1 ? [] : new Thread[Math.Min(jobs, seeds.Count)];
        for (int w = 0; w < _workers.Length; w++)
        {
            _workers[w] = new Thread(Work, 16 * 1024 * 1024) { IsBackground = true, Name = $"detsim worker {w + 1}" };
            _workers[w].Start();
        }
    }

    /// <summary>The outcome of the <paramref name="index"/>-th seed, waiting for it; null when cancelled before it ran.</summary>
    public SeedOutcome? Take(int index)
    {
        if (_workers.Length == 0) return _cancel.IsCancellationRequested ? null : _run(_seeds[index]);
        lock (_gate)
        {
            while (_outcomes[index] is null)
            {
                _failure?.Throw();
                if (index >= _next && (_cancel.IsCancellationRequested || _stopped)) return null;
                Monitor.Wait(_gate, TimeSpan.FromMilliseconds(100)); // timed: a Ctrl-C wakes no one
            }
            SeedOutcome o = _outcomes[index]!;
            _outcomes[index] = null;
            _taken = index + 1;
            Monitor.PulseAll(_gate);
            return o;
        }
    }

    private void Work()
    {
        while (true)
        {
            int i;
            lock (_gate)
            {
                while (!_stopped && _next < _seeds.Count && _next >= _taken + _window) Monitor.Wait(_gate);
                if (_stopped || _next >= _seeds.Count || _cancel.IsCancellationRequested || _failure is not null) return;
                i = _next++;
            }
            SeedOutcome? o = null;
            ExceptionDispatchInfo? failed = null;
            try { o = _run(_seeds[i]); }
#pragma warning disable CA1031 // rethrown on the judging thread, as Parallel.For would
            catch (Exception e) { failed = ExceptionDispatchInfo.Capture(e); }
#pragma warning restore CA1031
            lock (_gate)
            {
                _outcomes[i] = o;
                _failure ??= failed;
                Monitor.PulseAll(_gate);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stopped = true;
            Monitor.PulseAll(_gate);
        }
        foreach (Thread t in _workers) t.Join();
    }
}
