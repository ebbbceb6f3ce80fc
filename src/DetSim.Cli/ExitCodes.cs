namespace DetSim.Cli;

/// <summary>detsim's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>Every expectation met / the command did what was asked.</summary>
    public const int Ok = 0;

    /// <summary>An expectation failed (a holds-spec broke, a violated-spec was not found, a replay differed).</summary>
    public const int ExpectationFailed = 1;

    /// <summary>Bad input: a malformed spec, an unknown option, a bad seed.</summary>
    public const int BadInput = 2;

    /// <summary>DetSim broke one of its own model assertions: a DetSim bug, never a finding about MySQL.</summary>
    public const int ModelError = 3;

    /// <summary>A check's exit code: a model error outranks a malformed spec, which outranks a failed expectation.</summary>
    public static int Of(IReadOnlyList<Campaign.SpecResult> results, bool complete = true) =>
        results.Any(r => r.ModelError) ? ModelError
        : results.Any(r => r.BadSpec is not null) ? BadInput
        : results.All(r => r.Met) && complete ? Ok : ExpectationFailed;
}

/// <summary>A user mistake, reported as one line and exit code 2.</summary>
public sealed class BadInputException(string message) : Exception(message);
