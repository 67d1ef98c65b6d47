#!/usr/bin/env bash
# CPU of `lpms-edge sim` serving a fleet at real time, as a user runs it (launcher JVM flags included).
# Each sensor's port is drained by a socat client writing to /dev/null (those run in their own processes and
# are not counted). Usage: simulator/bench/cli-fleet-bench.sh [SENSORS] [RATE] [SECONDS] [FIRST_PORT]
# Run from the worktree root after `mvn -B -q package -DskipTests`. Pin to one core with: taskset -c 0 <script>
set -euo pipefail
sensors="${1:-20}"; rate="${2:-400}"; seconds="${3:-30}"; port="${4:-7100}"
command -v socat >/dev/null || { echo "needs socat (apt-get install -y socat)" >&2; exit 2; }
./lpms-edge sim --sensors "$sensors" --rate "$rate" --outputs all --port "$port" \
  --duration "$((seconds + 5))s" > /tmp/cli-fleet-bench.out &
sim=$!
sleep 2
pids=()
for ((i = 0; i < sensors; i++)); do
  socat -u "TCP:127.0.0.1:$((port + i))" /dev/null & pids+=($!)
done
sleep 2
java_pid=$(pgrep -P "$sim" java || echo "$sim")
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14 + $15}' "/proc/$java_pid/stat"; }
c0=$(cpu); t0=$(date +%s.%N)
sleep "$seconds"
c1=$(cpu); t1=$(date +%s.%N)
wait "$sim" || true
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
awk -v c0="$c0" -v c1="$c1" -v t0="$t0" -v t1="$t1" -v hz="$ticks" -v n="$sensors" -v r="$rate" \
  'BEGIN { printf "cli fleet: %d sensors x %d Hz all outputs: lpms-edge sim used %.1f%% of one core over %.1f s\n", n, r, 100 * (c1 - c0) / hz / (t1 - t0), t1 - t0 }'
grep -E '^sim: total|^sim: summary sensor=1 ' /tmp/cli-fleet-bench.out
