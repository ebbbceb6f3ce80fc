using System.Runtime.CompilerServices;

namespace DetSim.Core;

/// <summary>
/// Assertions that stay on in Release. A failed invariant is a bug in DetSim itself, never a
/// finding about the system under test, so it throws <see cref="InvariantViolatedException"/>.
/// </summary>
public static class Invariant
{
    public static void That(
        [System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool condition,
        string? because = null,
        [CallerArgumentExpression(nameof(condition))] string expression = "")
    {
        if (!condition) Fail(expression, because);
    }

    /// <summary>The same, the reason formatted only if the invariant fails.</summary>
    public static void That(
        [System.Diagnostics.CodeAnalysis.DoesNotReturnIf(false)] bool condition,
        [InterpolatedStringHandlerArgument(nameof(condition))] ref InvariantMessage because,
        [CallerArgumentExpression(nameof(condition))] string expression = "")
    {
        if (!condition) Fail(expression, because.Text());
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string expression, string? because) =>
        throw new InvariantViolatedException(
            because is null ? $"DetSim invariant failed: {expression}" : $"DetSim invariant failed: {expression} ({because})");
}

public sealed class InvariantViolatedException(string message) : Exception(message)
{
    /// <summary>Simulated time of the step that broke the assertion, when the harness knows it.</summary>
    public Time.SimTime? At { get; init; }

    /// <summary>The last steps of the run before the failure, when the trace was captured.</summary>
    public string? LastSteps { get; init; }
}
