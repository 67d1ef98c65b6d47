#!/usr/bin/env bash
# Regenerates the bridge tests' model: an H2O autoencoder trained on the SIMULATOR's healthy arm (10 min, 100 Hz,
# acc + gyro, seed 7), so the bridge tests can stream simulator data through it. (edge-scorer's test models were
# trained on a synthetic vibration signal, not on the simulator, and call every simulator window FAILURE.)
# k = 3 and hysteresis 3:2: with the 2017 k = 1 the healthy arm's own windows exceed 13 % of the time.
# Needs the launcher built: mvn -B -q package -DskipTests (from the repository root). Deterministic (seeds).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"$root/lpms-edge" sim --out "$tmp/ok.bin" --mode ok --duration 10m --seed 7 --rate 100 >/dev/null
"$root/lpms-edge" train --input "$tmp/ok.bin" --out "$tmp" --name sim_ok_ae --fields acc,gyro --hidden 12,4,12 \
    --epochs 10 --seed 42 --window 200 --hysteresis 3:2 --k 3.0
cp "$tmp/sim_ok_ae.zip" "$tmp/sim_ok_ae.manifest.json" "$here/"
