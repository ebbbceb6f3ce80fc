using DetSim.Core;
using DetSim.Core.Time;
using DetSim.Replication.Binlog;
using DetSim.Replication.Server;

namespace DetSim.Replication.Semisync;

/// <summary>
/// The source side of semi-synchronous replication (plugin/semisync/semisync_source.cc,
/// ReplSemiSyncMaster): commits wait until enough replicas acknowledged their binlog position, or
/// until the timeout, after which the source silently switches to async ("Semi-sync replication
/// switched OFF") and the waiting commit returns success. It switches back ON when a replica's
/// acknowledged position reaches the largest committed position (try_switch_on).
/// </summary>
public sealed class SemiSyncSource
{
    private readonly SemiSyncOptions _options;
    // A sorted list, read by index: a replica or two, asked on every ACK and commit (a tree's enumerator allocated a stack each time).
    private readonly SortedList<uint, BinlogCoordinates> _acked = new();
    private readonly SortedSet<uint> _connected = new();
    private readonly List<Waiter> _waiters = new();
    private long _nextWaiter;
    private BinlogCoordinates _maxCommitted = BinlogCoordinates.None;
    private long _yes, _no, _offTimes, _waits;
    private long _waitMicros;

    public SemiSyncSource(SemiSyncOptions options)
    {
        _options = options;
        Status = options.Enabled;
    }

    public bool Enabled => _options.Enabled;
    public SemiSyncWaitPoint WaitPoint => _options.WaitPoint;

    /// <summary>Rpl_semi_sync_source_status: ON while commits wait for ACKs.</summary>
    public bool Status { get; private set; }

    public int PendingWaiters => _waiters.Count;

    public SemiSyncCounters Counters => new()
    {
        Status = Status, Clients = _connected.Count, YesTx = _yes, NoTx = _no, NoTimes = _offTimes, TxWaits = _waits, TxWaitTime = new Duration(_waitMicros),
    };

    public void ReplicaConnected(uint serverId) => _connected.Add(serverId);

    public void ReplicaDisconnected(uint serverId) => _connected.Remove(serverId);

    /// <summary>
    /// Waits until <paramref name="position"/> is acknowledged. <paramref name="done"/> gets true
    /// when acknowledged, false when it returned without (async fallback). <paramref name="setTimer"/>
    /// arms the timeout with the waiter id.
    /// </summary>
    public void Wait(BinlogCoordinates position, SimTime now, Action<bool> done, Action<Duration, long> setTimer, Action<string> note)
    {
        if (position > _maxCommitted) _maxCommitted = position;
        if (!Status) { _no++; done(false); return; }
        if (IsAcked(position)) { _yes++; done(true); return; }
        if (!_options.WaitNoReplica && _connected.Count < _options.WaitForReplicaCount)
        {
            SwitchOff(note, $"fewer semi-sync replicas connected ({_connected.Count}) than rpl_semi_sync_source_wait_for_replica_count ({_options.WaitForReplicaCount})");
            _no++;
            done(false);
            return;
        }
        long id = ++_nextWaiter;
        _waiters.Add(new Waiter(id, position, now, done));
        _waits++;
        setTimer(_options.Timeout, id);
    }

    /// <summary>An ACK from a replica: releases every waiter now covered, and may switch semi-sync back on.</summary>
    public void OnAck(uint serverId, BinlogCoordinates position, SimTime now, Action<string> note)
    {
        if (_acked.TryGetValue(serverId, out BinlogCoordinates old) && old >= position) return; // stale or duplicate
        _acked[serverId] = position;
        if (!Status && _options.Enabled && position >= _maxCommitted)
        {
            Status = true;
            note($"Semi-sync replication switched ON with replica (server_id: {serverId}) at ({position.File}, {position.Position})");
        }
        for (int i = 0; i < _waiters.Count;)
        {
            Waiter w = _waiters[i];
            if (IsAcked(w.Position))
            {
                _waiters.RemoveAt(i);
                _yes++;
                _waitMicros += (now - w.Since).Micros;
                w.Done(true);
            }
            else i++;
        }
    }

    /// <summary>The timeout of waiter <paramref name="id"/> fired: switch to async and release everyone.</summary>
    public void OnTimeout(long id, SimTime now, Action<string> note)
    {
        int index = _waiters.FindIndex(w => w.Id == id);
        if (index < 0) return; // already acknowledged
        Waiter w = _waiters[index];
        note($"Timeout waiting for reply of binlog (file: {w.Position.File}, pos: {w.Position.Position}), semi-sync up to file {BestAck().File}, position {BestAck().Position}.");
        SwitchOff(note, null);
        var released = _waiters.ToList();
        _waiters.Clear();
        foreach (Waiter r in released)
        {
            _no++;
            _waitMicros += (now - r.Since).Micros;
            r.Done(false);
        }
    }

    private void SwitchOff(Action<string> note, string? why)
    {
        if (!Status) return;
        Status = false;
        _offTimes++;
        note("Semi-sync replication switched OFF." + (why is null ? "" : $" ({why})"));
    }

    private bool IsAcked(BinlogCoordinates position)
    {
        int count = 0;
        for (int i = 0; i < _acked.Count; i++)
            if (_acked.Values[i] >= position) count++;
        Invariant.That(count <= _acked.Count);
        return count >= _options.WaitForReplicaCount;
    }

    private BinlogCoordinates BestAck()
    {
        BinlogCoordinates best = BinlogCoordinates.None;
        for (int i = 0; i < _acked.Count; i++)
            if (_acked.Values[i] > best) best = _acked.Values[i];
        return best;
    }

    private sealed record Waiter(long Id, BinlogCoordinates Position, SimTime Since, Action<bool> Done);
}
