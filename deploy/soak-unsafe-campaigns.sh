#!/usr/bin/env bash
# Seeds to the first violation for each `detsim soak --unsafe` flip, over 10 campaigns
# (--seed-start 1, 10001, ..., 90001; at most 200 seeds each). The figures in docs/soak.md.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/DetSim.Cli -c Release >/dev/null
detsim() { dotnet src/DetSim.Cli/bin/Release/net10.0/detsim.dll "$@"; }
out=$(mktemp -d)
for f in async after_commit semisync_timeout sync_binlog_0 file_repositories no_relay_drain position_repoint \
         no_auto_increment_offsets statement_format no_log_replica_updates no_commit_order; do
  ns=""
  for k in 0 1 2 3 4 5 6 7 8 9; do
    n=$(detsim soak --unsafe "$f" --seed-start $((k * 10000 + 1)) --seeds 200 --out "$out" | grep -o "after [0-9]* scenario" | grep -o "[0-9]*" || true)
    ns="$ns ${n:-none}"
  done
  echo "$f:$ns"
done
rm -rf "$out"
