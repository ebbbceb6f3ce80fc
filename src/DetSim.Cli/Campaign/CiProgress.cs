using System.Diagnostics;
using System.Globalization;
using DetSim.Specs;

namespace DetSim.Cli.Campaign;

/// <summary>
/// Progress for a log (CI=true, or output redirected): a line whenever a spec passes another tenth
/// of its seeds or every <paramref name="every"/> of wall time, so a long spec never looks hung.
/// Wall time only paces these lines; it never touches a verdict.
/// </summary>
public sealed class CiProgress(TextWriter output, TimeSpan every)
{
    private readonly Stopwatch _clock = new();
    private TimeSpan _last;
    private int _nextTenth;
    private string? _spec;

    public void OnSeeds(Spec spec, int done, int total)
    {
        if (_spec != spec.Name) { _spec = spec.Name; _nextTenth = 1; _clock.Restart(); _last = TimeSpan.Zero; }
        bool tenth = total >= 10 && done >= _nextTenth * total / 10;
        if (!tenth && _clock.Elapsed - _last < every) return;
        while (_nextTenth <= 10 && done >= _nextTenth * total / 10) _nextTenth++;
        _last = _clock.Elapsed;
        if (done >= total) return; // the spec's own line follows at once
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  ...  {spec.Name}: {done} of {total} seeds, {_clock.Elapsed.TotalSeconds:F0}s, {done / Math.Max(_clock.Elapsed.TotalSeconds, 1e-3):F0} seeds/s"));
        output.Flush();
    }
}
