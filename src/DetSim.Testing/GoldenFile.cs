using System.Runtime.CompilerServices;

namespace DetSim.Testing;

/// <summary>
/// Compares text to a committed <c>*.verified.txt</c> next to the test source and writes
/// <c>*.received.txt</c> on a mismatch (Verify's naming, so Verify.Xunit can replace this later).
/// A missing verified file fails with the received file written, to be reviewed and renamed.
/// </summary>
public static class GoldenFile
{
    public static void Verify(string name, string actual, [CallerFilePath] string sourceFile = "")
    {
        string dir = Path.GetDirectoryName(sourceFile)!;
        string verified = Path.Combine(dir, $"{name}.verified.txt");
        string received = Path.Combine(dir, $"{name}.received.txt");
        string normalized = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        if (File.Exists(verified) && File.ReadAllText(verified).Replace("\r\n", "\n", StringComparison.Ordinal) == normalized)
        {
            if (File.Exists(received)) File.Delete(received);
            return;
        }
        File.WriteAllText(received, normalized);
        throw new GoldenFileMismatchException(File.Exists(verified)
            ? $"{name}: output differs from {verified}; the new output is in {received} (review it, then move it over the verified file)"
            : $"{name}: no verified file yet; review {received} and rename it to {Path.GetFileName(verified)}");
    }
}

public sealed class GoldenFileMismatchException(string message) : Exception(message);
