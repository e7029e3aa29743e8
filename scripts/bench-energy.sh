#!/usr/bin/env bash
# Energy chart endpoints over HTTP with a year of 15-minute history of the demo building (35,040 ISPs per series),
# against a hub started in-process on H2 (its default file database) or embedded PostgreSQL.
# Usage: scripts/bench-energy.sh [h2|postgres] [requests=100] [warm-up=30]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=target/energy-bench
mkdir -p "$DIR"
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$DIR/classpath.txt" >/dev/null
java -Xmx1g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat "$DIR/classpath.txt")" \
  io.flexhub.energy.EnergyBenchmark "${1:-h2}" "${2:-100}" "${3:-30}"
