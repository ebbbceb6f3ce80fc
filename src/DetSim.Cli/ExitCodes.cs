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
}

/// <summary>A user mistake, reported as one line and exit code 2.</summary>
public sealed class BadInputException(string message) : Exception(message);
