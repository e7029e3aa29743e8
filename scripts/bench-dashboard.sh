#!/usr/bin/env bash
# Dashboard page timings, navigation to charts drawn, in headless Chromium against a hub started in-process on its
# embedded demo defaults. Usage: scripts/bench-dashboard.sh [visits per page=10]   (from the repository root)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=target/dashboard-bench
mkdir -p "$DIR"
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$DIR/classpath.txt" >/dev/null
java -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat "$DIR/classpath.txt")" \
  io.flexhub.dashboard.DashboardBenchmark "${1:-10}"
