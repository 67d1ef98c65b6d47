#!/bin/bash
# Run inside the arm64 Debian root by Arm64SmokeIT (under qemu-user through binfmt). /it holds the .deb and the
# config, /it-classes the test classes. Every step prints a "step <name>: ..." line the test checks; any failure exits.
set -euo pipefail
echo "step arch: $(uname -m) $(dpkg --print-architecture)"
dpkg -i /it/lpms-edge.deb >/dev/null
echo "step install: $(dpkg-query -W -f '${Package} ${Version} ${Status}' lpms-edge)"
echo "step version: $(lpms-edge --version)"
lpms-edge check-config /etc/lpms-edge/lpms-edge.toml | sed 's/^/step check-config: /'
java -cp "/usr/share/lpms-edge/lib/*:/it-classes" io.lpmsedge.pkg.NativeLibraries 2>/dev/null | sed 's/^/step /'

# A short run: one sensor over TCP (the simulator on the host's loopback), one over a tty (a socat pty relayed
# to the second simulated sensor), as /dev/rfcomm0 is on a Pi.
mkdir -p /run/sim /var/lib/lpms-edge
socat pty,raw,echo=0,link=/run/sim/tty0 "tcp:127.0.0.1:$(cat /it/tty-port)" &
socat_pid=$!
for _ in $(seq 100); do [ -e /run/sim/tty0 ] && break; sleep 0.1; done
# nspawn hands the payload a NOTIFY_SOCKET; there is no systemd in this root to listen.
env -u NOTIFY_SOCKET LPMS_EDGE_JAVA_OPTS="-Xmx64m -XX:+UseSerialGC" lpms-edge run --config /it/run.toml > /tmp/run.log 2>&1 &
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
wait $bridge || echo "step run: exit $?"
kill $socat_pid 2>/dev/null || true
sed 's/^/step run: /' /tmp/run.log
echo "step done"
