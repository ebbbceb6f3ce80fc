namespace DetSim.Core.Settings;

/// <summary>The one way an option record checks a value against its declaration (the spec validator checks the same bounds before).</summary>
public static class SettingChecks
{
    /// <summary>Adds "NAME must be MIN..MAX, got V" when <paramref name="value"/> is outside the declared range (or the given one).</summary>
    public static void InRange(List<string> errors, Setting setting, decimal value, decimal? min = null, decimal? max = null)
    {
        decimal lo = min ?? setting.Min ?? decimal.MinValue, hi = max ?? setting.Max ?? decimal.MaxValue;
        if (value < lo || value > hi) errors.Add($"{setting.Name} must be {lo}..{hi}, got {value}");
    }
}
