#!/usr/bin/env bash
# Reads every congestion point's days through the FlexRequest history store, as the grid-pattern model does:
# 100 points x 3 years of the demo DSO's pattern (FlexRequestHistoryBenchmark).
#   scripts/bench-history.sh                      H2 database file (PostgreSQL mode, as the hub runs it), 100 x 3, 5 passes
#   scripts/bench-history.sh postgres             embedded PostgreSQL
#   scripts/bench-history.sh h2-mem               H2 in memory (the whole database on the heap)
#   scripts/bench-history.sh h2 10 1 3            10 points x 1 year, 3 passes
#   scripts/bench-history.sh h2 100 3 5 rows      reading the ISP rows (V21) instead of the runs (V22)
set -euo pipefail
cd "$(dirname "$0")/.."

CLASSPATH_FILE=$(mktemp)
trap 'rm -f "$CLASSPATH_FILE"' EXIT
mvn -q test-compile
mvn -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CLASSPATH_FILE"
java -Xmx2g -XX:+UseParallelGC -cp "target/test-classes:target/classes:$(cat "$CLASSPATH_FILE")" \
    io.flexhub.analytics.history.FlexRequestHistoryBenchmark "$@"
