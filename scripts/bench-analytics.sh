#!/usr/bin/env bash
# Grid-pattern model timings: fit and backtest of a synthetic DSO's congestion points, forecast in-process and over
# HTTP. Usage: scripts/bench-analytics.sh [passes=5] [points=100] [years=3]   (from the repository root)
#        scripts/bench-analytics.sh --sweep [points=10]   half-life x cell strength against the synthetic truth
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=target/analytics-bench
mkdir -p "$DIR"
mvn -o -q test-compile dependency:build-classpath -Dmdep.outputFile="$DIR/classpath.txt" >/dev/null
CP="target/test-classes:target/classes:$(cat "$DIR/classpath.txt")"
if [ "${1:-}" = "--sweep" ]; then
  exec java -Xmx4g -XX:+UseParallelGC -cp "$CP" io.flexhub.analytics.model.ParameterSweep "${2:-10}"
fi
# the history is held in memory so that only the model is timed: ~1.5 GB for 100 points x 3 years
java -Xmx6g -XX:+UseParallelGC -cp "$CP" \
  io.flexhub.analytics.AnalyticsBenchmark "${1:-5}" "${2:-100}" "${3:-3}"
