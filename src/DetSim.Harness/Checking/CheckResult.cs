using System.Collections;

namespace DetSim.Harness.Checking;

/// <summary>What a checker concluded about one run.</summary>
public enum CheckStatus : byte
{
    /// <summary>The checker looked at what it needs and found nothing wrong.</summary>
    Held,
    /// <summary>At least one violation, each decided from the history and the servers' state.</summary>
    Violated,
    /// <summary>The checker could not decide (final source down, history incomplete, run cut short): never a pass.</summary>
    Inconclusive,
}

/// <summary>
/// One invariant's verdict on one run: held, violated (with the violations), or inconclusive (with
/// the reason). Enumerates its violations, so <c>Assert.Empty(check)</c> reads as before; an
/// inconclusive result has none, so callers that must not pass in silence test <see cref="Status"/>.
/// </summary>
public sealed class CheckResult : IReadOnlyList<Violation>
{
    private CheckResult(string invariant, CheckStatus status, IReadOnlyList<Violation> violations, string? reason)
    {
        Invariant = invariant;
        Status = status;
        Violations = violations;
        Reason = reason;
    }

    public string Invariant { get; }
    public CheckStatus Status { get; }
    public IReadOnlyList<Violation> Violations { get; }

    /// <summary>Why the checker could not decide (inconclusive only).</summary>
    public string? Reason { get; }

    public bool Held => Status == CheckStatus.Held;
    public bool IsViolated => Status == CheckStatus.Violated;
    public bool IsInconclusive => Status == CheckStatus.Inconclusive;

    public static CheckResult Pass(string invariant) => new(invariant, CheckStatus.Held, [], null);

    public static CheckResult Inconclusive(string invariant, string reason) => new(invariant, CheckStatus.Inconclusive, [], reason);

    /// <summary>Violated when there are violations, else held.</summary>
    public static CheckResult Of(string invariant, IReadOnlyList<Violation> violations) =>
        violations.Count > 0 ? new(invariant, CheckStatus.Violated, violations, null) : Pass(invariant);

    /// <summary>Violations win (each is decided); else inconclusive when <paramref name="undecided"/> is set, else held.</summary>
    public static CheckResult Of(string invariant, IReadOnlyList<Violation> violations, string? undecided) =>
        violations.Count > 0 || undecided is null ? Of(invariant, violations) : Inconclusive(invariant, undecided);

    public int Count => Violations.Count;
    public Violation this[int index] => Violations[index];
    public IEnumerator<Violation> GetEnumerator() => Violations.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Status switch
    {
        CheckStatus.Held => $"{Invariant} held",
        CheckStatus.Inconclusive => $"{Invariant} inconclusive: {Reason}",
        _ => $"{Invariant} violated ({Violations.Count}): {Violations[0]}",
    };
}
