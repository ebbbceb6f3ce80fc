namespace DetSim.Core.Tests;

/// <summary>An interpolated reason is formatted only when the invariant fails, and then reads as before.</summary>
public class InvariantMessageTests
{
    private sealed class Counted
    {
        public int Formatted;

        public override string ToString()
        {
            Formatted++;
            return "thing";
        }
    }

    [Fact]
    public void A_holding_invariant_formats_nothing()
    {
        var c = new Counted();
        for (int i = 0; i < 3; i++) Invariant.That(i < 3, $"{c} at {i}");
        Assert.Equal(0, c.Formatted);
    }

    [Fact]
    public void A_failing_invariant_names_the_expression_and_the_formatted_reason()
    {
        var c = new Counted();
        int n = 7;
        var e = Assert.Throws<InvariantViolatedException>(() => Invariant.That(n < 3, $"{c} at {n}"));
        Assert.Equal("DetSim invariant failed: n < 3 (thing at 7)", e.Message);
        Assert.Equal(1, c.Formatted);
    }
}
