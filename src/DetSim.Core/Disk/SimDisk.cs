using DetSim.Core.Random;

namespace DetSim.Core.Disk;

/// <summary>
/// A node's disk: named files that outlive the process. Files are kept sorted by name so every
/// walk over them has one defined order.
/// </summary>
public sealed class SimDisk
{
    private readonly SortedDictionary<string, SimFile> _files = new(StringComparer.Ordinal);

    public IEnumerable<SimFile> Files => _files.Values;

    public bool Exists(string name) => _files.ContainsKey(name);

    public SimFile? TryOpen(string name) => _files.GetValueOrDefault(name);

    public SimFile OpenOrCreate(string name)
    {
        if (!_files.TryGetValue(name, out SimFile? file))
        {
            file = new SimFile(name);
            _files.Add(name, file);
        }
        return file;
    }

    public void Delete(string name) => _files.Remove(name);

    /// <summary>Fsyncs every file (a clean shutdown).</summary>
    public void SyncAll()
    {
        foreach (SimFile f in _files.Values) f.Fsync();
    }

    /// <summary>Applies a power loss to every file.</summary>
    public void Crash(CrashMode mode, IChoiceSource random)
    {
        foreach (SimFile f in _files.Values) f.Crash(mode, random);
    }

    /// <summary>The disk is gone (replaced hardware): every file is lost.</summary>
    public void Wipe() => _files.Clear();
}
