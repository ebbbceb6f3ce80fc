using System.Globalization;
using System.Text;
using DetSim.Core.Random;

namespace DetSim.Specs.Soak;

/// <summary>
/// Swarm testing: a whole scenario drawn from one seed and written as a spec, so that every drawn
/// case can be read, replayed with <c>detsim run</c> and kept as a regression spec. By default the
/// draw stays inside MySQL's lossless configuration (GTID, AFTER_SYNC with ACKs well before the
/// timeout, sync_binlog=1, innodb_flush_log_at_trx_commit=1, crash-safe replicas, a failover that
/// drains relay logs and refuses errant GTIDs), where every checked invariant must hold; an
/// <see cref="UnsafeFlip"/> turns one of those settings off.
/// </summary>
public static class SoakDraw
{
    /// <summary>Invariants every safe run must keep.</summary>
    public static IReadOnlyList<string> SafeChecks { get; } =
        ["no_lost_acked_write", "no_phantom_read", "converged", "exactly_once_apply", "gtid_safe_promotion"];

    public static string Spec(ulong seed, UnsafeFlip? flip = null)
    {
        var r = new SimRandom(seed).Fork("soak");
        string? f = flip?.Name;
        var y = new Yaml();
        bool dual = f == "no_auto_increment_offsets";
        bool chain = f == "no_log_replica_updates" || (!dual && f != "position_repoint" && r.Chance(Ratio.Percent(20)));
        int servers = dual ? 2 : chain || f == "position_repoint" ? (int)r.NextLong(3, 5) : (int)r.NextLong(2, 5);
        string format = f == "statement_format" ? "STATEMENT" : r.Chance(Ratio.Percent(70)) ? "ROW" : "MIXED";
        bool semiSync = f != "async" && !dual;
        int sessions = (int)r.NextLong(2, 6);
        long durationMs = r.NextLong(400, 1500);
        long thinkMs = r.NextLong(0, 4);

        y.Line($"name: soak-{seed}{(f is null ? "" : "-" + f.Replace('_', '-'))}");
        y.Line($"description: \"drawn by detsim soak from seed {seed}{(flip is null ? " inside the lossless configuration" : $"; unsafe: {flip.What}")}\"");
        y.Line("expect: holds");
        y.Line($"check: [{string.Join(", ", Checks(f))}]");
        y.Line("seeds: 1");
        y.Line($"seed_start: {seed}");
        y.Line("time_limit: 60s");
        y.Line("defaults:");
        // With GTIDs a replica skips what it already applied, so lost FILE repositories only show without them.
        bool gtid = f is not ("position_repoint" or "file_repositories");
        y.Line($"  gtid_mode: {(gtid ? "ON" : "OFF")}");
        y.Line($"  binlog_format: {format}");
        y.Line($"  sync_binlog: {(f == "sync_binlog_0" ? 0 : 1)}");
        y.Line("  innodb_flush_log_at_trx_commit: 1");
        y.Line($"  relay_log_info_repository: {(f == "file_repositories" ? "FILE" : "TABLE")}");
        y.Line($"  relay_log_recovery: {(f == "file_repositories" ? "OFF" : "ON")}");
        y.Line("  replica_net_timeout: 500ms");
        y.Line("  heartbeat_period: 100ms");
        y.Line("  connect_retry: 100ms");
        y.Line("  sync_relay_log: 1"); // an ACK then means the transaction is on the replica's disk
        y.Line($"  replica_semi_sync: {(semiSync ? "true" : "false")}");
        if (r.Chance(Ratio.Percent(30)) || f == "no_commit_order")
        {
            y.Line($"  replica_parallel_workers: {(int)r.NextLong(2, 4)}");
            y.Line($"  replica_preserve_commit_order: {(f == "no_commit_order" ? "false" : "true")}");
        }
        else if (f is "no_relay_drain" or "position_repoint")
        {
            y.Line("  replica_parallel_workers: 1"); // the lag these need comes from one applier thread
        }
        if (r.Chance(Ratio.Percent(30))) y.Line("  max_binlog_size: 8K");
        if (f is "no_relay_drain" or "no_commit_order" or "position_repoint") y.Line("  apply_cost: 2ms"); // a replica that lags behind what it received
        if (f == "statement_format") y.Line("  access_path_varies: true"); // each server may scan in another order (ER_BINLOG_UNSAFE_LIMIT)

        var names = new List<string> { "s1" };
        for (int i = 1; i < servers; i++) names.Add("r" + i);
        y.Line("servers:");
        int directReplicas = chain ? 1 : servers - 1;
        if (dual)
        {
            y.Line("  s1: { source: r1 }");
            y.Line("  r1: { source: s1 }");
        }
        else
        {
            string wait = f == "after_commit" ? "AFTER_COMMIT" : "AFTER_SYNC";
            string timeout = f == "semisync_timeout" ? "20ms" : "3600s";
            int acks = (int)r.NextLong(1, Math.Min(2, directReplicas));
            y.Line(semiSync
                ? $"  s1: {{ semi_sync: {{ enabled: true, wait_point: {wait}, wait_for_replica_count: {acks}, timeout: {timeout} }} }}"
                : "  s1: {}");
            for (int i = 1; i < servers; i++)
            {
                string source = chain && i > 1 ? "r" + (i - 1) : "s1";
                string extra = chain && i < servers - 1 && f == "no_log_replica_updates" ? ", log_replica_updates: false" : "";
                y.Line($"  r{i}: {{ source: {source}{extra} }}");
            }
        }

        y.Line("network:");
        y.Line($"  latency: {{ min: {r.NextLong(20, 500)}us, jitter: {r.NextLong(0, 2000)}us }}");
        if (f == "semisync_timeout")
        {
            y.Line("  links:");
            y.Line("    - { from: s1, to: r1, latency: { min: 30ms, jitter: 10ms }, both_ways: true }");
        }
        else if (f is "async" or "after_commit")
        {
            y.Line("  links:");
            for (int i = 1; i < servers; i++) y.Line($"    - {{ from: s1, to: r{i}, latency: {{ min: {r.NextLong(2, 6)}ms, jitter: 1ms }}, both_ways: true }}");
        }

        y.Line("workload:");
        y.Line("  tables:");
        y.Line("    - create: \"CREATE TABLE t (id INT PRIMARY KEY AUTO_INCREMENT, v INT NOT NULL)\"");
        y.Line("      rows: 20");
        y.Line("  clients:");
        y.Line("    - name: app");
        y.Line(dual ? "      server: any" : "      server: source");
        y.Line($"      count: {sessions}");
        y.Line($"      duration: {durationMs}ms");
        y.Line($"      think: {thinkMs}ms");
        y.Line("      timeout: 1s");
        y.Line("      transactions:");
        y.Line("        - { weight: 6, sql: [\"INSERT INTO t (v) VALUES ({n})\"] }");
        y.Line("        - { weight: 3, sql: [\"UPDATE t SET v = v + 1 WHERE id = ?\"], key_range: [1, 40] }");
        y.Line("        - { weight: 1, sql: [\"DELETE FROM t WHERE id = ?\"], key_range: [1, 40] }");
        y.Line("        - { weight: 1, sql: [\"UPDATE t SET v = 0 WHERE id = -1\"] }");
        y.Line("        - { weight: 1, sql: [\"DELETE FROM t WHERE id = -1\"] }");
        y.Line("        - { weight: 1, sql: [\"INSERT INTO t (v) VALUES ({n})\", \"UPDATE t SET v = v + 1 WHERE id = ?\"], key_range: [1, 40] }");
        if (r.Chance(Ratio.Percent(30))) y.Line("        - { weight: 1, sql: [\"CREATE TABLE d_{session}_{n} (id INT PRIMARY KEY, v INT)\"] }");
        if (f == "statement_format") y.Line("        - { weight: 3, sql: [\"UPDATE t SET v = v + 1 LIMIT 1\"] }");
        y.Line("    - name: reader");
        y.Line(f == "no_commit_order" ? "      server: replicas" : dual ? "      server: any" : "      server: source");
        y.Line($"      count: {(int)r.NextLong(1, 2)}");
        y.Line($"      duration: {durationMs}ms");
        y.Line("      think: 1ms");
        y.Line("      timeout: 1s");
        y.Line("      transactions:");
        y.Line("        - { sql: [\"SELECT * FROM t ORDER BY id DESC LIMIT 10\"] }");
        y.Line("        - { sql: [\"SELECT id FROM t ORDER BY id DESC LIMIT 5\"] }");
        y.Line("        - { sql: [\"SELECT v FROM t WHERE id = ?\"], key_range: [1, 40] }");

        long detectAfter = r.NextLong(50, 300);
        y.Line("faults:");
        Faults(y, r, names, durationMs, detectAfter, f, dual);
        if (!dual)
        {
            y.Line("failover:");
            y.Line($"  detect_after: {detectAfter}ms");
            y.Line($"  repoint: {(gtid ? "gtid" : "position")}");
            y.Line("  errant_gtids: refuse");
            if (f == "no_relay_drain") y.Line("  wait_for_relay_log: none");
        }
        return y.ToString();
    }

    private static IEnumerable<string> Checks(string? flip)
    {
        IEnumerable<string> checks = SafeChecks;
        if (flip == "no_commit_order") checks = checks.Append("commit_order_reads");
        return checks;
    }

    /// <summary>
    /// A Poisson stream of faults over the load: crashes of every mode (a crashed replica restarts,
    /// the source may die for good and be failed over), one- and two-way partitions, isolations,
    /// pauses, clock jumps and drift, slow links and binlog rotations; everything heals when the
    /// clients stop, and the cluster must then converge.
    /// </summary>
    private static void Faults(Yaml y, IChoiceSource r, List<string> names, long durationMs, long detectAfter, string? flip, bool dual)
    {
        long t = 100;
        bool sourceDead = false;
        long replicasBackAt = 0; // when the last crashed replica restarts
        int count = 0;
        var crashModes = flip == "sync_binlog_0" ? new[] { "power_loss" } : new[] { "power_loss", "process", "torn_write" };
        while (true)
        {
            t += Math.Max(1, (long)r.NextExponential(durationMs / 4.0));
            if (t >= durationMs - 50) break;
            string node = r.Pick(names);
            string other = r.Pick(names.Where(n => n != node).ToList());
            long down = r.NextLong(5, 600);
            switch (r.NextInt(9))
            {
                case 0 or 1:
                    if (node == "s1" && !dual)
                    {
                        // Semi-sync keeps an acknowledged commit on the replicas that ACKed it: losing the
                        // source while one of them is down is a second failure, outside the lossless set.
                        // And a crash-safe replica's restart (relay_log_recovery=ON) discards the relay log it had
                        // ACKed until it re-fetches it, so a source crash after any replica crash is one too.
                        if (sourceDead || replicasBackAt > 0) break;
                        sourceDead = true; // the old source stays down; the failover replaces it
                        y.Line($"  - {{ at: {t}ms, crash: {{ server: s1, mode: {r.Pick(crashModes)} }} }}");
                        if (flip == "sync_binlog_0") y.Line($"  - {{ at: {t + down}ms, restart: s1 }}");
                        break;
                    }
                    if (sourceDead && flip != "file_repositories") break; // no replica dies after the source did (see above)
                    y.Line($"  - {{ at: {t}ms, crash: {{ server: {node}, mode: {r.Pick(crashModes)} }} }}");
                    y.Line($"  - {{ at: {t + down}ms, restart: {node} }}");
                    replicasBackAt = Math.Max(replicasBackAt, t + down);
                    break;
                case 2:
                    y.Line($"  - {{ at: {t}ms, partition: [{node}, {other}]{(r.Chance(Ratio.Percent(50)) ? ", one_way: true" : "")} }}");
                    y.Line($"  - {{ at: {t + down}ms, heal: all }}");
                    break;
                case 3:
                    y.Line($"  - {{ at: {t}ms, isolate: {node} }}");
                    y.Line($"  - {{ at: {t + down}ms, heal: all }}");
                    break;
                case 4:
                    // A pause longer than the failure detector's window gets the source failed over
                    // while it still accepts writes when it wakes: a split brain MySQL does nothing
                    // against (no fencing). Outside the lossless set, so pauses stay shorter.
                    // A replica frozen while the source is down is unreachable to the failover tool, which
                    // then promotes another that may lack acknowledged commits: a second failure.
                    if (sourceDead) break;
                    y.Line($"  - {{ at: {t}ms, pause: {{ server: {node}, for: {Math.Min(down, detectAfter - 10)}ms }} }}");
                    break;
                case 5:
                    y.Line($"  - {{ at: {t}ms, clock_jump: {{ server: {node}, by: {r.NextLong(-2000, 2000)}ms }} }}");
                    break;
                case 6:
                    y.Line($"  - {{ at: {t}ms, clock_drift: {{ server: {node}, ppm: {r.NextLong(-500, 500)} }} }}");
                    break;
                case 7:
                    y.Line($"  - {{ at: {t}ms, slow_link: {{ from: {node}, to: {other}, factor: {r.NextLong(2, 50)} }} }}");
                    y.Line($"  - {{ at: {t + down}ms, slow_link: {{ from: {node}, to: {other}, factor: 1 }} }}");
                    break;
                default:
                    y.Line($"  - {{ at: {t}ms, rotate: {node} }}");
                    break;
            }
            count++;
        }
        if (count == 0) y.Line($"  - {{ at: {durationMs / 2}ms, rotate: s1 }}");
        // Each unsafe setting gets the fault that exposes it at least once, at a drawn moment.
        long at = r.NextLong(durationMs * 3 / 10, durationMs * 8 / 10);
        if (!sourceDead && flip is "async" or "after_commit" or "semisync_timeout" or "no_relay_drain" or "position_repoint" && at > replicasBackAt + 100)
            y.Line($"  - {{ at: {at}ms, crash: {{ server: s1, mode: {r.Pick(new[] { "power_loss", "process" })} }} }}");
        if (flip == "file_repositories")
        {
            string replica = r.Pick(names.Where(n => n != "s1").ToList());
            y.Line($"  - {{ at: {at}ms, crash: {{ server: {replica}, mode: power_loss }} }}");
            y.Line($"  - {{ at: {at + r.NextLong(5, 200)}ms, restart: {replica} }}");
        }
    }

    private sealed class Yaml
    {
        private readonly StringBuilder _sb = new();
        public void Line(string text) => _sb.Append(text).Append('\n');
        public override string ToString() => _sb.ToString();
    }
}
