#!/usr/bin/env bash
# Regenerates edge-scorer/src/test/resources/legacy/: a deep-learning autoencoder trained and exported as a POJO
# by H2O 3.10.3.2 (the release line of the 2017 system), its training rows and H2O 3.10's own per-row errors.
# H2O 3.10 supports only Java 1.6-1.8; on JDK 17 it needs two workarounds, both confined to this generator:
# java.version is reported as 1.8 while H2O starts (LegacyPojo.java), and one logging call that throws on
# Java 9+ is patched out of water.H2O (PatchH2O.java). Run from anywhere: trainer/legacy-pojo/generate.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
out="$here/../../edge-scorer/src/test/resources/legacy"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/cp.txt"
cp="$(cat "$work/cp.txt")"
core="$(tr ':' '\n' <"$work/cp.txt" | grep 'h2o-core-3.10.3.2.jar')"
mkdir -p "$work/classes" "$work/patch" "$out"
javac -nowarn -cp "$cp" -d "$work/classes" "$here/src/PatchH2O.java" "$here/src/LegacyPojo.java"
java -cp "$work/classes:$cp" PatchH2O "$core" "$work/patch"
port=$(( 40000 + RANDOM % 20000 ))
java --add-opens java.base/java.lang=ALL-UNNAMED -Xmx512m -cp "$work/patch:$work/classes:$cp" LegacyPojo "$out" "$port"
ls -l "$out"
