using DetSim.Core.Disk;
using DetSim.Core.Time;
using DetSim.Replication.Binlog.Events;
using DetSim.Replication.Gtid;

namespace DetSim.Replication.Binlog;

/// <summary>
/// The binary log: numbered files <c>binlog.000001</c>… on the server's disk, each starting with
/// the 4-byte magic, a Format_description event at position 4 and a Previous_gtids event
/// (MYSQL-FACTS §1.1). Events are stored as structured records sized like MySQL's, so positions
/// and file sizes mean what they mean on a real server; writes are volatile until <see cref="Sync"/>.
/// Each chunk holds the <see cref="LoggedEvent"/> (event and place) written, so reading the log
/// (dump threads re-read from their cursor at every publish) allocates nothing per event.
/// </summary>
public sealed class BinaryLog
{
    private static readonly byte[] MagicBytes = [0xfe, 0x62, 0x69, 0x6e];
    private readonly SimDisk _disk;
    private readonly string _baseName;
    private readonly List<string> _files = new();
    private readonly uint _serverId;
    // Every GTID written to the files that are still present (purge recomputes it).
    private GtidSet _gtidsInFiles = new();

    public BinaryLog(SimDisk disk, uint serverId, long maxSize, string baseName = "binlog")
    {
        _disk = disk;
        _serverId = serverId;
        _baseName = baseName;
        MaxSize = maxSize;
        foreach (SimFile f in disk.Files)
            if (IsOurs(f.Name)) _files.Add(f.Name);
        if (_files.Count > 0) RecomputeGtids();
    }

    public long MaxSize { get; set; }
    public IReadOnlyList<string> Files => _files;
    public string CurrentFile => _files.Count == 0 ? "" : _files[^1];
    public long CurrentLength => _files.Count == 0 ? 0 : File(CurrentFile).Length;
    public BinlogCoordinates End => new(CurrentFile, CurrentLength);
    public bool HasUnsyncedData => _files.Count > 0 && File(CurrentFile).HasUnsyncedData;

    /// <summary>GTIDs purged from this log: the Previous_gtids of the oldest file still present.</summary>
    public GtidSet Purged { get; private set; } = new();

    /// <summary>Previous_gtids of the first file ∪ every GTID in the files.</summary>
    public GtidSet AllGtids()
    {
        GtidSet all = Purged.Clone();
        all.UnionWith(_gtidsInFiles);
        return all;
    }

    /// <summary>Opens a new file (at startup, FLUSH BINARY LOGS, or when the current one passes max_binlog_size).</summary>
    public void Rotate(SimTime now, GtidSet executed)
    {
        string next = $"{_baseName}.{(_files.Count == 0 ? 1 : Number(CurrentFile) + 1):D6}";
        if (_files.Count > 0)
        {
            SimFile current = File(CurrentFile);
            var rotate = new RotateEvent(next) { ServerId = _serverId, Timestamp = now };
            Write(current, CurrentFile, rotate);
            current.Fsync();
        }
        SimFile file = _disk.OpenOrCreate(next);
        file.TruncateChunks(0);
        file.Append(MagicBytes);
        Write(file, next, new FormatDescriptionEvent { ServerId = _serverId, Timestamp = now });
        Write(file, next, new PreviousGtidsEvent(executed.Clone()) { ServerId = _serverId, Timestamp = now });
        file.Fsync();
        _files.Add(next);
    }

    /// <summary>
    /// Writes a transaction, its GTID event then its body (the FLUSH stage: page cache, not yet
    /// durable). Returns where it ends: the head is passed apart so the body's list is not grown by an insert at its front.
    /// </summary>
    public BinlogCoordinates Append(GtidEvent head, IReadOnlyList<BinlogEvent> body)
    {
        DetSim.Core.Invariant.That(_files.Count > 0, "the binlog is opened before the first write");
        SimFile file = File(CurrentFile);
        LoggedEvent last = Write(file, CurrentFile, head);
        if (head.Gtid is { } g) _gtidsInFiles.Add(g);
        for (int i = 0; i < body.Count; i++) // indexed: a foreach over the interface boxed an enumerator per transaction
            last = Write(file, CurrentFile, body[i]);
        return last.End;
    }

    private static LoggedEvent Write(SimFile file, string name, BinlogEvent ev)
    {
        int size = ev.Size;
        var logged = new LoggedEvent(name, file.Length, file.Length + size, ev);
        file.Append(logged, size);
        return logged;
    }

    public bool NeedsRotation => CurrentLength >= MaxSize;

    public void Sync()
    {
        if (_files.Count > 0) File(CurrentFile).Fsync();
    }

    /// <summary>PURGE BINARY LOGS TO <paramref name="file"/>: deletes every file before it (never the current one).</summary>
    public int PurgeTo(string file)
    {
        int index = _files.IndexOf(file);
        if (index < 0) throw new ArgumentException($"PURGE BINARY LOGS: target log '{file}' not found in index; logs are: {string.Join(", ", _files)}");
        for (int i = 0; i < index; i++) _disk.Delete(_files[i]);
        _files.RemoveRange(0, index);
        RecomputeGtids();
        return index;
    }

    /// <summary>Events of <paramref name="file"/> from <paramref name="position"/> on, in order.</summary>
    public IEnumerable<LoggedEvent> Read(string file, long position = 4)
    {
        SimFile? f = Locate(file, position, out int first);
        if (f is null) yield break;
        for (int i = first; EventAt(f, i) is { } e; i++) yield return e;
    }

    /// <summary>The file and the index of its first chunk at or after <paramref name="position"/>; null when there is no such file. With <see cref="EventAt"/>, <see cref="Read"/> without an iterator object (the dump thread reads at every publication).</summary>
    public SimFile? Locate(string file, long position, out int index)
    {
        SimFile? f = _disk.TryOpen(file);
        // Chunks are in offset order: binary search for the first at or after the position.
        int lo = 0, hi = f?.ChunkCount ?? 0;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (f!.ChunkAt(mid).Offset < position) lo = mid + 1;
            else hi = mid;
        }
        index = lo;
        return f;
    }

    /// <summary>The event in chunk <paramref name="index"/>; null past the end or at a torn tail (which ends the readable log).</summary>
    public static LoggedEvent? EventAt(SimFile file, int index) => index < file.ChunkCount ? file.ChunkAt(index).Value as LoggedEvent : null;

    /// <summary>Why a (file, position) cannot start a dump, in the dump thread's words (ER 1236 texts); null if it can.</summary>
    public string? CheckStart(BinlogCoordinates at)
    {
        if (!_files.Contains(at.File)) return "Could not find first log file name in binary log index file";
        SimFile f = File(at.File);
        if (at.Position > f.Length) return "Client requested source to start replication from position > file size";
        if (at.Position < 4) return "Client requested source to start replication from position < 4";
        if (at.Position == f.Length) return null;
        foreach (FileChunk c in f.Chunks)
        {
            if (c.Offset == at.Position) return c.Value is LoggedEvent ? null : "binlog truncated in the middle of event; consider out of disk space on source";
            if (c.Offset > at.Position) break;
        }
        // Not an event boundary: the dump thread reads a length from the middle of an event.
        return "log event entry exceeded max_allowed_packet; Increase max_allowed_packet on source";
    }

    /// <summary>Previous_gtids of <paramref name="file"/>.</summary>
    public GtidSet PreviousGtidsOf(string file) =>
        Read(file).Select(e => e.Event).OfType<PreviousGtidsEvent>().FirstOrDefault()?.Gtids ?? new GtidSet();

    /// <summary>The file after <paramref name="file"/>, or null.</summary>
    public string? NextFile(string file)
    {
        int i = _files.IndexOf(file);
        return i >= 0 && i + 1 < _files.Count ? _files[i + 1] : null;
    }

    /// <summary>
    /// Crash recovery of the binlog (RM80 binary-log.html): scan the newest file, keep whole
    /// transactions, truncate a partial one at the tail. Returns the xids of whole transactions in
    /// the newest file: InnoDB commits its prepared transactions that are among them.
    /// </summary>
    public HashSet<long> Recover()
    {
        var xids = new HashSet<long>();
        if (_files.Count == 0) return xids;
        SimFile f = File(CurrentFile);
        int keep = 0;
        int i = 0;
        bool inTrx = false;
        foreach (FileChunk c in f.Chunks)
        {
            i++;
            if (c.Bytes is not null && !c.Torn && c.Offset == 0) { keep = i; continue; } // magic
            if (c.Value is not LoggedEvent { Event: var ev }) break;
            switch (ev)
            {
                case GtidEvent: inTrx = true; break;
                case XidEvent x: inTrx = false; xids.Add(x.Xid); keep = i; break;
                case QueryEvent q when inTrx && !q.IsBegin && !IsDml(q): // DDL ends its own transaction
                    inTrx = false;
                    keep = i;
                    if (q.DdlXid is { } ddlXid) xids.Add(ddlXid);
                    break;
                default: if (!inTrx) keep = i; break;
            }
        }
        f.TruncateChunks(keep);
        f.Fsync();
        RecomputeGtids();
        return xids;
    }

    /// <summary>
    /// Model check after recovery: MySQL's recovery scans only the newest file because rotation
    /// waits for the old file's prepared XIDs to commit (sql/binlog.cc MYSQL_BIN_LOG::recover,
    /// new_file_impl). A prepared transaction recovery rolled back must therefore not be in an older
    /// file; if it is, DetSim rotated too early and would invent a lost transaction.
    /// </summary>
    public void CheckRolledBackAreNotInOlderFiles(IReadOnlyList<long> rolledBack)
    {
        if (rolledBack.Count == 0 || _files.Count < 2) return;
        var rolled = new HashSet<long>(rolledBack);
        for (int i = 0; i < _files.Count - 1; i++)
            foreach (LoggedEvent e in Read(_files[i]))
                if (e.Event is XidEvent x && rolled.Contains(x.Xid))
                    DetSim.Core.Invariant.That(false, $"recovery scans only {CurrentFile}, yet prepared xid {x.Xid} is in {_files[i]}: the binlog rotated while it was prepared");
    }

    private static bool IsDml(QueryEvent q) => !q.Sql.StartsWith("CREATE", StringComparison.OrdinalIgnoreCase)
                                               && !q.Sql.StartsWith("DROP", StringComparison.OrdinalIgnoreCase)
                                               && !q.Sql.StartsWith("ALTER", StringComparison.OrdinalIgnoreCase);

    private void RecomputeGtids()
    {
        Purged = _files.Count == 0 ? new GtidSet() : PreviousGtidsOf(_files[0]).Clone();
        _gtidsInFiles = new GtidSet();
        foreach (string file in _files)
            foreach (LoggedEvent e in Read(file))
                if (e.Event is GtidEvent { Gtid: { } g }) _gtidsInFiles.Add(g);
    }

    private SimFile File(string name) => _disk.TryOpen(name) ?? throw new InvalidOperationException($"binlog file {name} is missing from disk");

    private bool IsOurs(string name) => name.StartsWith(_baseName + ".", StringComparison.Ordinal) && name.Length == _baseName.Length + 7;

    private static int Number(string file) => int.Parse(file.AsSpan(file.Length - 6), System.Globalization.CultureInfo.InvariantCulture);
}
