#!/bin/bash
# Run by ForeignArchSmoke inside an arm64 or armhf Debian root (under qemu-user through binfmt). /it holds the .deb,
# the configs and native-unavailable (the libraries with no working native here), /it-classes the test classes.
# Every step prints "step <name>: ..." lines the test checks; a step that must not fail exits.
set -euo pipefail
echo "step arch: $(uname -m) $(dpkg --print-architecture)"
dpkg -i /it/lpms-edge.deb >/dev/null
echo "step install: $(dpkg-query -W -f '${Package} ${Version} ${Status}' lpms-edge)"
# --version and check-config run with the launcher's own JVM flags (no LPMS_EDGE_JAVA_OPTS).
echo "step version: $(lpms-edge --version)"
lpms-edge check-config /etc/lpms-edge/lpms-edge.toml | sed 's/^/step check-config: /'

# The service's JVM flags, as the installed unit sets them: a 32-bit JVM refuses a heap it cannot reserve.
unit_opts=$(sed -n 's/^Environment="LPMS_EDGE_JAVA_OPTS=\(.*\)"$/\1/p' /lib/systemd/system/lpms-edge.service)
[ -n "$unit_opts" ] || { echo "step unit-jvm: FAILED, no LPMS_EDGE_JAVA_OPTS in the installed unit"; exit 1; }
echo "step unit-jvm: $unit_opts"
# shellcheck disable=SC2086  # a list of JVM flags, split as the launcher splits it
java $unit_opts -XshowSettings:vm -version 2>&1 | sed 's/^/step unit-jvm: /'

# A Kafka sink asking for snappy: accepted where snappy-java's native works, refused where it does not.
set +e
snappy_out=$(lpms-edge check-config /it/snappy.toml 2>&1)
snappy_rc=$?
set -e
echo "step snappy-config: exit $snappy_rc"
sed 's/^/step snappy-config: /' <<<"$snappy_out"

# scan needs BlueCove's native stack, which has no ARM library: one line pointing at rfcomm bind, exit 3.
set +e
scan_out=$(lpms-edge scan 2>&1)
scan_rc=$?
set -e
echo "step scan: exit $scan_rc"
sed 's/^/step scan: /' <<<"$scan_out"

java -cp "/usr/share/lpms-edge/lib/*:/it-classes" io.lpmsedge.pkg.NativeLibraries "$(cat /it/native-unavailable)" \
  2>/dev/null | sed 's/^/step /'

# A short run with the unit's JVM flags: one sensor over TCP (the simulator on the host's loopback), one over a
# tty (a socat pty relayed to the second simulated sensor), as /dev/rfcomm0 is on a Pi.
mkdir -p /run/sim /var/lib/lpms-edge
socat pty,raw,echo=0,link=/run/sim/tty0 "tcp:127.0.0.1:$(cat /it/tty-port)" &
socat_pid=$!
for _ in $(seq 100); do [ -e /run/sim/tty0 ] && break; sleep 0.1; done
# nspawn hands the payload a NOTIFY_SOCKET; there is no systemd in this root to listen.
env -u NOTIFY_SOCKET LPMS_EDGE_JAVA_OPTS="$unit_opts" lpms-edge run --config /it/run.toml > /tmp/run.log 2>&1 &
bridge=$!
deadline=$((SECONDS + ${SMOKE_RUN_SECONDS:-240}))
until grep -q "sensor tcp-1: streaming" /tmp/run.log && grep -q "sensor tty-1: streaming" /tmp/run.log; do
  if [ $SECONDS -ge $deadline ] || ! kill -0 $bridge 2>/dev/null; then
    echo "step run: FAILED, both sensors not streaming:"; cat /tmp/run.log; exit 1
  fi
  sleep 1
done
sleep 3 # a few seconds of readings
kill -TERM $bridge
set +e
wait $bridge
echo "step run: exit $?"
set -e
kill $socat_pid 2>/dev/null || true
sed 's/^/step run: /' /tmp/run.log
echo "step done"
